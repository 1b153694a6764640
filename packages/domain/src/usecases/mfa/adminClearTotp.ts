import { Effect, Option } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import { UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import { TotpRepository } from "../../ports/TotpRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { endAllSessions } from "../sessions/endAllSessions.ts"
import { authenticate, isSelf, requirePermission, rolesOf } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { guardOutranks } from "../users/guards.ts"

/**
 * An admin (users:write) clears the TOTP of a locked-out user of their tenant: secret, pending enrolment and
 * recovery codes go, TOTP is off, and the user's sessions end; re-enrolment follows at their next login when
 * TOTP is required. Not for oneself (that path would skip the code check of `disableTotp`). Idempotent.
 * It does not end a sign-in lock: a password reset does, or the lock ends by itself.
 */
export const adminClearTotp = Effect.fn("adminClearTotp")(function* (actor: Actor, userId: UserId) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "users:write")
      if (isSelf(context, userId)) {
        return yield* new Forbidden({ reason: "Turn off your own TOTP with a code from your app" })
      }
      const users = yield* UserRepository
      const target = yield* users.findById(context.tenant.id, userId)
      if (Option.isNone(target)) return yield* new UserNotFound({ userId })
      // Clearing a second factor hands the account to whoever knows its password: only for those the actor outranks.
      yield* guardOutranks(context, rolesOf(context).all, target.value)
      yield* (yield* TotpRepository).delete(context.tenant.id, userId)
      if (target.value.totpEnabled) {
        yield* users.update(
          { ...target.value, totpEnabled: false, updatedAt: context.now },
          target.value.version
        )
      }
      const sessionsEnded = yield* endAllSessions(context.tenant.id, userId)
      yield* auditBy(context, {
        action: "mfa.totp_cleared",
        targetType: "user",
        targetId: userId,
        details: { sessionsEnded }
      })
    })
  ).pipe(Effect.retry({ while: (e) => e._tag === "VersionConflict", times: 3 }))
})
