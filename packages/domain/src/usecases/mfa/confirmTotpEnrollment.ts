import { Effect, Option, Redacted, Schema } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import { TotpRepository } from "../../ports/TotpRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { hashRecoveryCode, newRecoveryCodes } from "../../totp/recoveryCodes.ts"
import { verifyTotp } from "../../totp/totp.ts"
import { attemptKey, auditLockStarted, clearFailedAttempts, reserveAttempt } from "../auth/throttling.ts"
import { endAllSessions } from "../sessions/endAllSessions.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { InvalidTotpCode, TotpAlreadyEnabled, TotpNotPending } from "./errors.ts"
import { openTotpSecret } from "./totpSecret.ts"

export const TotpCodeInput = Schema.Struct({ code: Schema.String.check(Schema.isMaxLength(64)) })
export type TotpCodeInput = typeof TotpCodeInput.Type

export interface TotpEnabled {
  /** Ten single-use recovery codes, shown once; only their hashes are stored (ASVS 6.5.2). */
  readonly recoveryCodes: ReadonlyArray<Redacted.Redacted<string>>
}

const SCOPES = ["full", "mfa_enrollment"] as const

/**
 * Confirms the caller's pending enrolment with a code from the app (+-1 step; that step then counts as used),
 * turns TOTP on and returns ten recovery codes. Attempts are throttled: a wrong code is a counted failure
 * (committed) and gives `InvalidTotpCode`. A factor change ends EVERY session of the user, this one too
 * (ASVS 7.4.3): they log in again with the new factor, which also lifts an `mfa_enrollment` restriction.
 */
export const confirmTotpEnrollment = Effect.fn("confirmTotpEnrollment")(function* (
  actor: Actor,
  input: TotpCodeInput,
  origin: RequestOrigin = {}
) {
  const outcome = yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor, { allowScopes: SCOPES })
      const { tenant, user } = context
      // reserved in this transaction, which commits a wrong code's outcome (a rollback means nothing was judged)
      const granted = yield* reserveAttempt(attemptKey(tenant.id, user.id, origin), context.now)
      const repository = yield* TotpRepository
      const enrollment = yield* repository.find(tenant.id, user.id)
      if (Option.isNone(enrollment)) return yield* new TotpNotPending()
      if (enrollment.value.confirmed) return yield* new TotpAlreadyEnabled()
      const key = yield* openTotpSecret(enrollment.value)
      const verification = yield* verifyTotp(key, input.code, context.now.getTime(), { window: 1 })
      if (!verification.valid) {
        yield* auditBy(context, {
          action: "mfa.totp_code_failed",
          targetType: "user",
          targetId: user.id,
          details: { during: "confirm", failures: granted.account.failures }
        })
        yield* auditLockStarted(granted)
        return { _tag: "Failed" } as const
      }
      const codes = yield* newRecoveryCodes(10)
      const hashes = yield* Effect.forEach(codes, (code) => hashRecoveryCode(code))
      if (!(yield* repository.confirm(tenant.id, user.id, hashes, Number(verification.step)))) {
        return yield* new TotpAlreadyEnabled()
      }
      yield* (yield* UserRepository).update(
        { ...user, totpEnabled: true, updatedAt: context.now },
        user.version
      )
      yield* clearFailedAttempts(tenant.id, user.id)
      const sessionsEnded = yield* endAllSessions(tenant.id, user.id)
      yield* auditBy(context, {
        action: "mfa.totp_enabled",
        targetType: "user",
        targetId: user.id,
        details: { sessionsEnded }
      })
      const enabled: TotpEnabled = { recoveryCodes: codes.map((code) => Redacted.make(code)) }
      return { _tag: "Enabled", enabled } as const
    })
  ).pipe(Effect.retry({ while: (e) => e._tag === "VersionConflict", times: 3 }))
  if (outcome._tag === "Failed") return yield* new InvalidTotpCode()
  return outcome.enabled
})
