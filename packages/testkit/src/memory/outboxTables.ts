import type { ChangeEvent, Delivery, DeliveryId, StoredWebhook, WebhookId } from "@gatehouse/domain"
import { listTable, mapTable } from "./MemoryStore.ts"

/** A delivery of the outbox and its claim. */
export interface DeliveryRow {
  readonly delivery: Delivery
  /** The position of its event in the feed (claims go oldest event first). */
  readonly seq: number
  readonly lease: string | null
  readonly leaseUntil: number | null
}

/** The webhooks (WebhookRepository's rows, which the Outbox reads and disables). */
export const Webhooks = mapTable<WebhookId, StoredWebhook>("webhooks")
/** The deliveries: the Outbox's rows, deleted with their webhook. */
export const Deliveries = mapTable<DeliveryId, DeliveryRow>("outboxDeliveries")
/** The change events, in feed order (an event's index is its position). */
export const Events = listTable<ChangeEvent>("outboxEvents")
