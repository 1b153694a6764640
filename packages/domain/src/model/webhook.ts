import { Schema } from "effect"
import { EventType } from "./event.ts"
import { DeliveryId, EventId, TenantId, WebhookId } from "./ids.ts"
import { isFreeText } from "./text.ts"

/** An absolute http(s) URL of at most 2048 characters; whether the server may call it is the outbound rule's. */
export const WebhookUrl = Schema.String.check(
  Schema.isMaxLength(2048),
  Schema.isPattern(/^https?:\/\/[^\s/?#]+[^\s]*$/u, { message: "Expected an http or https URL" })
)

/** What a webhook receives: some event types, or every one (`["*"]`). */
export const WebhookEvents = Schema.Array(Schema.Union([EventType, Schema.Literal("*")])).check(
  Schema.isMinLength(1),
  Schema.isMaxLength(64)
)

export const WebhookDescription = Schema.String.check(Schema.isMaxLength(500), isFreeText())

/** A tenant's webhook endpoint as the API shows it: its secrets are never part of it. */
export const Webhook = Schema.Struct({
  id: WebhookId,
  tenantId: TenantId,
  url: WebhookUrl,
  events: WebhookEvents,
  description: Schema.NullOr(WebhookDescription),
  enabled: Schema.Boolean,
  /** Why the server disabled it (`gone`: the receiver answered 410), or null. */
  disabledReason: Schema.NullOr(Schema.String),
  createdAt: Schema.Date,
  updatedAt: Schema.Date
})
export type Webhook = typeof Webhook.Type

/**
 * A webhook as stored: its signing secret sealed with `SecretBox` (associated data `tenantId/webhookId/webhook`),
 * and after a rotation the previous one, which keeps signing alongside until `previousSecretExpiresAt`.
 */
export interface StoredWebhook extends Webhook {
  readonly sealedSecret: string
  readonly sealedPreviousSecret: string | null
  readonly previousSecretExpiresAt: Date | null
}

/** Whether a webhook receives events of `type`. */
export const subscribes = (webhook: Pick<Webhook, "events" | "enabled">, type: EventType): boolean =>
  webhook.enabled && webhook.events.some((e) => e === "*" || e === type)

export const DeliveryStatus = Schema.Literals(["pending", "delivered", "failed"])
export type DeliveryStatus = typeof DeliveryStatus.Type

/** One event on its way to one webhook. */
export const Delivery = Schema.Struct({
  id: DeliveryId,
  tenantId: TenantId,
  webhookId: WebhookId,
  eventId: EventId,
  eventType: EventType,
  status: DeliveryStatus,
  attempts: Schema.Int,
  /** The HTTP status of the last attempt (null: none yet, or no answer). */
  lastStatus: Schema.NullOr(Schema.Int),
  /** Why the last attempt failed when there was no HTTP answer (timeout, refused URL, ...). */
  lastError: Schema.NullOr(Schema.String),
  /** When the next attempt is due (null once delivered or given up). */
  nextAttemptAt: Schema.NullOr(Schema.Date),
  createdAt: Schema.Date,
  updatedAt: Schema.Date
})
export type Delivery = typeof Delivery.Type
