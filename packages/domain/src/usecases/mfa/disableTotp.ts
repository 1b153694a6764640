import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import { TotpRepository } from "../../ports/TotpRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { attemptKey, auditLockStarted, clearFailedAttempts, reserveAttempt } from "../auth/throttling.ts"
import { endAllSessions } from "../sessions/endAllSessions.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import type { TotpCodeInput } from "./confirmTotpEnrollment.ts"
import { InvalidTotpCode, TotpNotEnabled } from "./errors.ts"
import { checkSecondFactor } from "./secondFactor.ts"

/**
 * Turns the caller's TOTP off. Re-authentication first (ASVS 7.5.1): a current TOTP code or an unused
 * recovery code, consumed, under the account's throttle (a wrong one is a counted failure, committed, and
 * gives `InvalidTotpCode`). Deletes the secret and the recovery codes and ends EVERY session of the user
 * (ASVS 7.4.3). A role or admin that requires TOTP sends the user back to enrolment at their next login.
 * Needs a full session.
 */
export const disableTotp = Effect.fn("disableTotp")(function* (
  actor: Actor,
  input: TotpCodeInput,
  origin: RequestOrigin = {}
) {
  const outcome = yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      const { tenant, user } = context
      if (!user.totpEnabled) return yield* new TotpNotEnabled()
      // reserved in this transaction, which commits a wrong code's outcome (a rollback means nothing was judged)
      const granted = yield* reserveAttempt(attemptKey(tenant.id, user.id, origin), context.now)
      const check = yield* checkSecondFactor(tenant.id, user.id, input.code, context.now)
      if (!check.ok) {
        if (check.reason === "totp_not_enabled") return yield* new TotpNotEnabled()
        yield* auditBy(context, {
          action: "mfa.totp_code_failed",
          targetType: "user",
          targetId: user.id,
          details: { during: "disable", reason: check.reason, failures: granted.account.failures }
        })
        yield* auditLockStarted(granted)
        return "Failed" as const
      }
      yield* (yield* TotpRepository).delete(tenant.id, user.id)
      yield* (yield* UserRepository).update(
        { ...user, totpEnabled: false, updatedAt: context.now },
        user.version
      )
      yield* clearFailedAttempts(tenant.id, user.id)
      const sessionsEnded = yield* endAllSessions(tenant.id, user.id)
      yield* auditBy(context, {
        action: "mfa.totp_disabled",
        targetType: "user",
        targetId: user.id,
        details: { method: check.method, sessionsEnded }
      })
      return "Disabled" as const
    })
  ).pipe(Effect.retry({ while: (e) => e._tag === "VersionConflict", times: 3 }))
  if (outcome === "Failed") return yield* new InvalidTotpCode()
})
