import { Effect, Redacted } from "effect"
import type { TenantId, WebhookId } from "../../model/ids.ts"
import type { StoredWebhook, Webhook } from "../../model/webhook.ts"
import { SecretBox } from "../../ports/SecretBox.ts"
import { SecureRandom } from "../../ports/SecureRandom.ts"

/** How long a rotated-out secret keeps signing alongside the new one. */
export const PREVIOUS_SECRET_GRACE_MILLIS = 24 * 60 * 60 * 1000

const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
export const newSigningSecret: Effect.Effect<Redacted.Redacted<string>, never, SecureRandom> = Effect.map(
  SecureRandom.use((random) => random.bytes(32)),
  (bytes) => Redacted.make(`whsec_${base64(bytes)}`)
)

/** Binds a sealed secret to its webhook: a value copied to another row does not open. */
const associatedData = (tenantId: TenantId, webhookId: WebhookId): string =>
  `${tenantId}/${webhookId}/webhook`

export const sealSecret = (tenantId: TenantId, webhookId: WebhookId, secret: Redacted.Redacted<string>) =>
  SecretBox.use((box) => box.seal(secret, associatedData(tenantId, webhookId)))

/**
 * The secrets a delivery is signed with at `now`: the current one, and the previous one while its 24 hours
 * after a rotation last. A secret that does not open is a defect (the key ring lost a key).
 */
export const signingSecrets = Effect.fnUntraced(function* (webhook: StoredWebhook, now: Date) {
  const box = yield* SecretBox
  const data = associatedData(webhook.tenantId, webhook.id)
  const current = yield* Effect.orDie(box.open(webhook.sealedSecret, data))
  if (
    webhook.sealedPreviousSecret === null ||
    webhook.previousSecretExpiresAt === null ||
    webhook.previousSecretExpiresAt.getTime() <= now.getTime()
  )
    return [current]
  return [current, yield* Effect.orDie(box.open(webhook.sealedPreviousSecret, data))]
})

/** The webhook as the API shows it (no secret, sealed or not). */
export const publicWebhook = (stored: StoredWebhook): Webhook => ({
  id: stored.id,
  tenantId: stored.tenantId,
  url: stored.url,
  events: stored.events,
  description: stored.description,
  enabled: stored.enabled,
  disabledReason: stored.disabledReason,
  createdAt: stored.createdAt,
  updatedAt: stored.updatedAt
})
