import { Effect, type Redacted, Schema } from "effect"
import { Forbidden, type RoleEscalation } from "../../errors/authorization.ts"
import type { VersionConflict } from "../../errors/conflicts.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import type { UserNotFound } from "../../errors/notFound.ts"
import type { PasswordPolicyViolation } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import { PlainPassword } from "../../model/password.ts"
import { enforcePassword } from "../../password/checkPassword.ts"
import { generatePassword } from "../../password/generatePassword.ts"
import type { FailedAttempts } from "../../ports/FailedAttempts.ts"
import type { PasswordBlocklist } from "../../ports/PasswordBlocklist.ts"
import { PasswordHasher } from "../../ports/PasswordHasher.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { clearFailedAttempts } from "../auth/throttling.ts"
import { endAllSessions } from "../sessions/endAllSessions.ts"
import { authenticate, isSelf, requirePermission, rolesOf } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { findUser, guardOutranks, type SessionEndingServices } from "./guards.ts"

/** `POST /v1/users/{id}/password`: a password chosen by the admin, or one generated for them. */
export const ResetPasswordInput = Schema.Union([
  Schema.Struct({ password: PlainPassword }),
  Schema.Struct({ generate: Schema.Literal(true) })
])
export type ResetPasswordInput = typeof ResetPasswordInput.Type

export interface PasswordReset {
  /** Present when generated: shown once to the admin, never stored nor audited. */
  readonly generatedPassword?: Redacted.Redacted<string>
}

/**
 * An admin sets a user's password (needs `users:write`); the user must change it at their next login.
 * Not for oneself: changing one's own password needs the current one (self change-password). The password
 * must pass the tenant's policy with the target's context words. An admin cannot reset the password of a
 * user holding a permission the admin lacks (`RoleEscalation`): knowing it would let them act as that user.
 * Every session of the user ends (ASVS 7.4.3: whoever knew the old password is out), and the failed-attempt
 * counter is cleared: the reset is the only way to lift a lock.
 */
export const resetPassword = Effect.fn("resetPassword")(function* (
  actor: Actor,
  userId: UserId,
  input: ResetPasswordInput
): Effect.fn.Return<
  PasswordReset,
  Forbidden | UserNotFound | RoleEscalation | PasswordPolicyViolation | VersionConflict | StoreUnavailable,
  SessionEndingServices | FailedAttempts | PasswordHasher | PasswordBlocklist
> {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "users:write")
      if (isSelf(context, userId)) {
        return yield* new Forbidden({ reason: "Change your own password with your current password" })
      }
      const target = yield* findUser(context.tenant.id, userId)
      const roles = rolesOf(context)
      yield* guardOutranks(context, roles.all, target)

      const policy = context.tenant.passwordPolicy
      const words = {
        email: target.email,
        firstName: target.firstName,
        lastName: target.lastName,
        tenantName: context.tenant.name,
        hasMfa: target.totpEnabled
      }
      let password: Redacted.Redacted<string>
      if ("password" in input) {
        password = input.password
        yield* enforcePassword(policy, password, words)
      } else {
        password = yield* generatePassword(policy, words)
      }
      const passwordHash = yield* (yield* PasswordHasher).hash(password)
      yield* (yield* UserRepository).update(
        { ...target, passwordHash, mustChangePassword: true, updatedAt: context.now },
        target.version
      )
      const sessionsEnded = yield* endAllSessions(context.tenant.id, target.id)
      yield* clearFailedAttempts(context.tenant.id, target.id)
      yield* auditBy(context, {
        action: "user.password_reset",
        targetType: "user",
        targetId: target.id,
        details: { generated: !("password" in input), sessionsEnded }
      })
      const reset: PasswordReset = "password" in input ? {} : { generatedPassword: password }
      return reset
    })
  )
})
