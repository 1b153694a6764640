import { Effect, Schema } from "effect"
import { now } from "../../model/newId.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import { PlainPassword } from "../../model/password.ts"
import { enforcePassword } from "../../password/checkPassword.ts"
import { OneTimeTokenRepository } from "../../ports/OneTimeTokenRepository.ts"
import { PasswordHasher } from "../../ports/PasswordHasher.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { clearFailedAttempts } from "../auth/throttling.ts"
import { endAllSessions } from "../sessions/endAllSessions.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { checkToken, lostUse, reservingTokenAttempt } from "./checkToken.ts"
import { OneTimeTokenInput } from "./token.ts"

export const CompletePasswordResetInput = Schema.Struct({
  token: OneTimeTokenInput,
  newPassword: PlainPassword
})
export type CompletePasswordResetInput = typeof CompletePasswordResetInput.Type

/**
 * `POST /v1/auth/password-reset/complete`: the token's user gets the new password, which must pass the tenant's
 * policy (with the user's context words and the MFA minimum when TOTP is on; a violation leaves the token
 * usable). Then every session of the user ends, a forced change is cleared, the email counts as verified (the
 * link reached it) and the failure counter is cleared. TOTP stays as it was: the next login still asks for it
 * (ASVS 6.4.3). A token works once, also under concurrent attempts (the conditional `use` picks one winner);
 * `TokenInvalid`, `TokenUsed`, `TokenExpired` or `TooManyAttempts` otherwise, a wrong secret counted.
 */
export const completePasswordReset = Effect.fn("completePasswordReset")(function* (
  input: CompletePasswordResetInput,
  origin: RequestOrigin = {}
) {
  return yield* reservingTokenAttempt(
    input.token,
    "password_reset",
    origin,
    transactional(
      Effect.gen(function* () {
        const at = yield* now
        const checked = yield* checkToken(input.token, "password_reset", at)
        const { user, tenant } = checked
        yield* enforcePassword(tenant.passwordPolicy, input.newPassword, {
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          tenantName: tenant.name,
          hasMfa: user.totpEnabled
        })
        const passwordHash = yield* (yield* PasswordHasher).hash(input.newPassword)
        if (!(yield* (yield* OneTimeTokenRepository).use(tenant.id, checked.token.id, at))) {
          return yield* lostUse(checked, at)
        }
        yield* (yield* UserRepository).update(
          { ...user, passwordHash, mustChangePassword: false, emailVerified: true, updatedAt: at },
          user.version
        )
        const sessionsEnded = yield* endAllSessions(tenant.id, user.id)
        yield* clearFailedAttempts(tenant.id, user.id)
        yield* audit(
          { tenantId: tenant.id, actorKind: "user", actorId: user.id },
          {
            action: "user.password_reset",
            targetType: "user",
            targetId: user.id,
            details: { via: "email_link", sessionsEnded }
          }
        )
      })
      // an admin editing the user at the same moment: the whole step runs again on fresh rows
    ).pipe(Effect.retry({ while: (e) => e._tag === "VersionConflict", times: 3 })),
    // success cleared the counts in its transaction
    { releaseOnSuccess: false }
  )
})
