import { Effect, Option, type Redacted } from "effect"
import type { Role } from "../../model/role.ts"
import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import { TotpRepository } from "../../ports/TotpRepository.ts"
import { newTotpSecret } from "../../totp/totp.ts"
import { savePendingTotpSecret, shownTotpSecret } from "../mfa/pendingTotpSecret.ts"
import { openTotpSecret } from "../mfa/totpSecret.ts"

/** Whether the user must enrol TOTP: their role requires it, or an admin switched it on for them. */
export const totpRequiredFor = (user: User, role: Role | undefined): boolean =>
  user.requireTotp || (role?.requiresTotp ?? false)

export interface PendingTotp {
  /** Base32, for typing into an authenticator app by hand. */
  readonly secret: Redacted.Redacted<string>
  /** `otpauth://totp/...` for the QR code (it contains the secret). */
  readonly otpauthUri: Redacted.Redacted<string>
}

/**
 * The user's pending TOTP secret: the existing unconfirmed one (so reloading the setup page keeps the QR code
 * the user may already have scanned), else a new one sealed and saved. None when an authenticator is already
 * confirmed (the user proves it with a code at completion).
 */
export const pendingTotpFor = Effect.fnUntraced(function* (tenant: Tenant, user: User, at: Date) {
  const repository = yield* TotpRepository
  const existing = yield* repository.find(tenant.id, user.id)
  if (Option.isSome(existing) && existing.value.confirmed) return Option.none<PendingTotp>()
  let secret: Uint8Array
  if (Option.isSome(existing)) secret = yield* openTotpSecret(existing.value)
  else {
    secret = yield* newTotpSecret
    yield* savePendingTotpSecret(tenant.id, user.id, secret, at)
  }
  return Option.some<PendingTotp>(shownTotpSecret(tenant, user, secret))
})
