import type { WebhookMessage, WebhookSigner } from "@gatehouse/domain"
import { Redacted } from "effect"
import { Webhook } from "standardwebhooks"

/**
 * The `webhook-signature` header of the Standard Webhooks specification, made by its reference library: one
 * `v1,<base64 HMAC-SHA256 of id.timestamp.body>` per secret (`whsec_...`), separated by spaces (during a
 * rotation's overlap the new secret's signature comes first, then the old one's).
 */
export const standardWebhooksSigner: WebhookSigner = (message: WebhookMessage) =>
  message.secrets
    .map((secret) => new Webhook(Redacted.value(secret)).sign(message.id, message.timestamp, message.body))
    .join(" ")
