import { Effect, Redacted, Schema } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import { PlainPassword } from "../../model/password.ts"
import type { GrantedAttempt } from "../../ports/FailedAttempts.ts"
import { PasswordHasher } from "../../ports/PasswordHasher.ts"
import { TotpRepository } from "../../ports/TotpRepository.ts"
import { hashRecoveryCode, newRecoveryCodes } from "../../totp/recoveryCodes.ts"
import { InvalidCurrentPassword } from "../auth/errors.ts"
import { attemptKey, auditLockStarted, clearFailedAttempts, underReservation } from "../auth/throttling.ts"
import { type ActorContext, authenticate } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import type { TotpEnabled } from "./confirmTotpEnrollment.ts"
import { InvalidTotpCode, TotpNotEnabled } from "./errors.ts"
import { checkSecondFactor } from "./secondFactor.ts"

/** Proof that the person at the keyboard is the account's owner: a current TOTP code, or the password. */
export const RegenerateRecoveryCodesInput = Schema.Union([
  Schema.Struct({ code: Schema.String.check(Schema.isMaxLength(64)) }),
  Schema.Struct({ currentPassword: PlainPassword })
])
export type RegenerateRecoveryCodesInput = typeof RegenerateRecoveryCodesInput.Type

type Proof = { readonly ok: true; readonly method: string } | { readonly ok: false }

/** A wrong proof: a counted guess (any other refusal releases the reserved attempt). */
class WrongProof {
  readonly _tag = "WrongProof"
  constructor(readonly with_: "code" | "password") {}
}

/**
 * Replaces the caller's recovery codes with ten new ones, shown once (ASVS 6.5.2: only their hashes are
 * stored); the old ones stop working in the same transaction. Re-authentication first, under the account's
 * throttle of the account and the caller's address (the attempt is reserved before the proof is checked): a
 * current TOTP code (or an unused recovery code, consumed) or the current password; a wrong one stays counted,
 * is audited and gives `InvalidTotpCode` / `InvalidCurrentPassword`. Needs a full session
 * and TOTP on (`TotpNotEnabled`). Sessions stay: the factor itself did not change. Audited
 * (`mfa.recovery_codes_regenerated`, with the proof's kind, never a code).
 */
export const regenerateRecoveryCodes = Effect.fn("regenerateRecoveryCodes")(function* (
  actor: Actor,
  input: RegenerateRecoveryCodesInput,
  origin: RequestOrigin = {}
) {
  const context = yield* authenticate(actor)
  const { tenant, user } = context
  if (!user.totpEnabled) return yield* new TotpNotEnabled()
  return yield* underReservation(
    attemptKey(tenant.id, user.id, origin),
    context.now,
    (granted) => regenerate(actor, context, input, granted),
    { counts: (error) => error instanceof WrongProof, releaseOnSuccess: false }
  ).pipe(
    Effect.catchIf(
      (error): error is WrongProof => error instanceof WrongProof,
      (wrong) => Effect.fail(wrong.with_ === "code" ? new InvalidTotpCode() : new InvalidCurrentPassword())
    )
  )
})

/** The proof checked (the attempt reserved before) and, when right, the new codes. */
const regenerate = Effect.fnUntraced(function* (
  actor: Actor,
  context: ActorContext,
  input: RegenerateRecoveryCodesInput,
  granted: GrantedAttempt
) {
  const { tenant, user } = context

  // The password is verified before the transaction (a slow hash holds no connection), as changeOwnPassword does.
  let passwordValid: boolean | undefined
  if ("currentPassword" in input) {
    const hasher = yield* PasswordHasher
    passwordValid =
      user.passwordHash === null
        ? yield* hasher.verifyDummy(input.currentPassword).pipe(Effect.as(false))
        : (yield* hasher.verify(user.passwordHash, input.currentPassword)).valid
  }

  const outcome = yield* transactional(
    Effect.gen(function* () {
      const current = yield* authenticate(actor)
      if (!current.user.totpEnabled) return yield* new TotpNotEnabled()
      let proof: Proof
      if ("code" in input) {
        const check = yield* checkSecondFactor(tenant.id, user.id, input.code, current.now)
        if (!check.ok && check.reason === "totp_not_enabled") return yield* new TotpNotEnabled()
        if (!check.ok) {
          yield* auditBy(current, {
            action: "mfa.totp_code_failed",
            targetType: "user",
            targetId: user.id,
            details: { during: "recovery_codes", reason: check.reason, failures: granted.account.failures }
          })
          yield* auditLockStarted(granted)
        }
        proof = check.ok ? { ok: true, method: check.method } : { ok: false }
      } else {
        // changed by someone else since it was verified: what was given is no longer the current password
        const valid = passwordValid === true && current.user.passwordHash === user.passwordHash
        if (!valid) {
          yield* auditBy(current, {
            action: "user.password_check_failed",
            targetType: "user",
            targetId: user.id,
            details: { during: "recovery_codes", failures: granted.account.failures }
          })
          yield* auditLockStarted(granted)
        }
        proof = valid ? { ok: true, method: "password" } : { ok: false }
      }
      if (!proof.ok) return { _tag: "Failed", with: "code" in input ? "code" : "password" } as const

      const codes = yield* newRecoveryCodes(10)
      const hashes = yield* Effect.forEach(codes, (code) => hashRecoveryCode(code))
      if (!(yield* (yield* TotpRepository).replaceRecoveryCodes(tenant.id, user.id, hashes))) {
        return yield* new TotpNotEnabled()
      }
      yield* clearFailedAttempts(tenant.id, user.id)
      yield* auditBy(current, {
        action: "mfa.recovery_codes_regenerated",
        targetType: "user",
        targetId: user.id,
        details: { method: proof.method, count: codes.length }
      })
      const enabled: TotpEnabled = { recoveryCodes: codes.map((code) => Redacted.make(code)) }
      return { _tag: "Regenerated", enabled } as const
    })
  )
  if (outcome._tag === "Failed") return yield* Effect.fail(new WrongProof(outcome.with))
  return outcome.enabled
})
