import { Effect, Redacted } from "effect"
import type { TenantId, UserId } from "../../model/ids.ts"
import { SecretBox } from "../../ports/SecretBox.ts"
import type { TotpEnrollment } from "../../ports/TotpRepository.ts"
import { decodeBase32, encodeBase32 } from "../../totp/base32.ts"

/** Binds a sealed TOTP secret to its user: copied onto another user's row, it does not open. */
const associatedData = (tenantId: TenantId, userId: UserId): string => `${tenantId}/${userId}/totp`

/** Seals a TOTP secret for storage (base32 inside the box). */
export const sealTotpSecret = (
  tenantId: TenantId,
  userId: UserId,
  secret: Uint8Array
): Effect.Effect<string, never, SecretBox> =>
  Effect.flatMap(SecretBox, (box) =>
    box.seal(Redacted.make(encodeBase32(secret)), associatedData(tenantId, userId))
  )

/**
 * Opens an enrolment's secret. A secret that does not open (tampered row, lost key) is a server fault, not a
 * client mistake: a defect.
 */
export const openTotpSecret = (enrollment: TotpEnrollment): Effect.Effect<Uint8Array, never, SecretBox> =>
  Effect.gen(function* () {
    const box = yield* SecretBox
    const base32 = yield* box.open(
      enrollment.sealedSecret,
      associatedData(enrollment.tenantId, enrollment.userId)
    )
    return yield* decodeBase32(Redacted.value(base32))
  }).pipe(Effect.orDie)
