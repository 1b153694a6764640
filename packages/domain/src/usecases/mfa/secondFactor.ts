import { Effect, Option } from "effect"
import type { TenantId, UserId } from "../../model/ids.ts"
import type { SecretBox } from "../../ports/SecretBox.ts"
import { TotpRepository } from "../../ports/TotpRepository.ts"
import { hashRecoveryCode } from "../../totp/recoveryCodes.ts"
import { verifyTotp } from "../../totp/totp.ts"
import { openTotpSecret } from "./totpSecret.ts"

/** The outcome of checking a TOTP or recovery code; the reasons go to the audit trail, never to the client. */
export type SecondFactorCheck =
  | { readonly ok: true; readonly method: "totp" | "recovery_code" }
  | {
      readonly ok: false
      readonly reason: "wrong_totp" | "reused_totp" | "wrong_recovery_code" | "totp_not_enabled"
    }

/** Six digits (spaces allowed, as apps show "123 456") is a TOTP code; anything else is a recovery code. */
const looksLikeTotp = (code: string): boolean => /^[0-9]{6}$/.test(code.replace(/\s/g, ""))

/**
 * Checks a second-factor code of a user with confirmed TOTP, at the server's time `at`, and CONSUMES it: a TOTP
 * step within +-1 of now that is later than the last accepted one (`TotpRepository.useStep`, atomic, so a code
 * works once even under concurrent use), or one unused recovery code (`consumeRecoveryCode`, atomic). Run it
 * inside the transaction that records the outcome; throttling is the caller's (`reserveAttempt` before: a
 * wrong code stays counted).
 */
export const checkSecondFactor = Effect.fnUntraced(function* (
  tenantId: TenantId,
  userId: UserId,
  code: string,
  at: Date
): Effect.fn.Return<SecondFactorCheck, never, TotpRepository | SecretBox> {
  const repository = yield* TotpRepository
  const enrollment = yield* repository.find(tenantId, userId)
  if (Option.isNone(enrollment) || !enrollment.value.confirmed)
    return { ok: false, reason: "totp_not_enabled" }
  if (looksLikeTotp(code)) {
    const key = yield* openTotpSecret(enrollment.value)
    const verification = yield* verifyTotp(key, code, at.getTime(), {
      window: 1,
      lastUsedStep: enrollment.value.lastUsedStep
    })
    if (!verification.valid) return { ok: false, reason: "wrong_totp" }
    const fresh = yield* repository.useStep(tenantId, userId, Number(verification.step))
    return fresh ? { ok: true, method: "totp" } : { ok: false, reason: "reused_totp" }
  }
  const hash = yield* hashRecoveryCode(code)
  const consumed = yield* repository.consumeRecoveryCode(tenantId, userId, hash)
  return consumed ? { ok: true, method: "recovery_code" } : { ok: false, reason: "wrong_recovery_code" }
})
