import { Effect, type Redacted } from "effect"
import type { Actor } from "../../model/actor.ts"
import { newTotpSecret } from "../../totp/totp.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { TotpAlreadyEnabled } from "./errors.ts"
import { savePendingTotpSecret, shownTotpSecret } from "./pendingTotpSecret.ts"

export interface TotpEnrollmentStarted {
  /** The shared secret in base32, for typing into an app by hand. Shown once. */
  readonly secret: Redacted.Redacted<string>
  /** The `otpauth://totp/...` URI for a QR code (issuer = tenant name, label = email); it contains the secret. */
  readonly otpauthUri: Redacted.Redacted<string>
}

/**
 * Starts (or restarts) the caller's TOTP enrolment: a fresh 160-bit secret from the CSPRNG, stored sealed by
 * the SecretBox and bound to this user, pending until confirmed by a code. `TotpAlreadyEnabled` when a
 * confirmed authenticator exists. Allowed in a `full` or `mfa_enrollment` session.
 */
export const startTotpEnrollment = Effect.fn("startTotpEnrollment")(function* (actor: Actor) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor, { allowScopes: ["full", "mfa_enrollment"] })
      const { tenant, user } = context
      if (user.totpEnabled) return yield* new TotpAlreadyEnabled()
      const secret = yield* newTotpSecret
      const saved = yield* savePendingTotpSecret(tenant.id, user.id, secret, context.now)
      if (!saved) return yield* new TotpAlreadyEnabled()
      yield* auditBy(context, {
        action: "mfa.totp_enrollment_started",
        targetType: "user",
        targetId: user.id
      })
      const started: TotpEnrollmentStarted = shownTotpSecret(tenant, user, secret)
      return started
    })
  )
})
