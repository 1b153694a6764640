import { Effect, Redacted } from "effect"
import type { TenantId, UserId } from "../../model/ids.ts"
import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import type { SecretBox } from "../../ports/SecretBox.ts"
import { TotpRepository } from "../../ports/TotpRepository.ts"
import { encodeBase32 } from "../../totp/base32.ts"
import { otpauthUri } from "../../totp/otpauthUri.ts"
import { sealTotpSecret } from "./totpSecret.ts"

/**
 * Saves `secret`, sealed, as the user's pending (unconfirmed) enrolment, started `at`; false when a confirmed
 * authenticator exists (`TotpRepository.savePending` replaces only a pending one).
 */
export const savePendingTotpSecret = (
  tenantId: TenantId,
  userId: UserId,
  secret: Uint8Array,
  at: Date
): Effect.Effect<boolean, never, TotpRepository | SecretBox> =>
  Effect.gen(function* () {
    const repository = yield* TotpRepository
    return yield* repository.savePending({
      tenantId,
      userId,
      sealedSecret: yield* sealTotpSecret(tenantId, userId, secret),
      confirmed: false,
      lastUsedStep: null,
      recoveryCodeHashes: [],
      createdAt: at
    })
  })

/** A secret as the user sees it: base32 to type in by hand, and the `otpauth://` URI of the QR code. */
export const shownTotpSecret = (
  tenant: Pick<Tenant, "name">,
  user: Pick<User, "email">,
  secret: Uint8Array
): { readonly secret: Redacted.Redacted<string>; readonly otpauthUri: Redacted.Redacted<string> } => ({
  secret: Redacted.make(encodeBase32(secret)),
  otpauthUri: Redacted.make(otpauthUri({ secret, issuer: tenant.name, account: user.email }))
})
