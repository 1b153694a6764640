import { Effect, Option, Schema } from "effect"
import { DeliveryNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import { decodeCursor } from "../../model/cursor.ts"
import { EventType } from "../../model/event.ts"
import type { DeliveryId, EventId, WebhookId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import { DEFAULT_PAGE_LIMIT, PageLimit } from "../../model/page.ts"
import { Outbox } from "../../ports/Outbox.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { type PageRequest, pageRequest } from "../organizations/validation.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { findWebhook } from "./manageWebhooks.ts"

const manager = Effect.fnUntraced(function* (actor: Actor) {
  const context = yield* authenticate(actor)
  yield* requirePermission(context, "settings:manage")
  return context
})

/** A webhook's deliveries, newest first (event, attempts, last status, next attempt). Needs `settings:manage`. */
export const listDeliveries = Effect.fn("listDeliveries")(function* (
  actor: Actor,
  webhookId: WebhookId,
  request: PageRequest = {}
) {
  const context = yield* manager(actor)
  yield* findWebhook(context, webhookId)
  const page = yield* pageRequest(request)
  return yield* (yield* Outbox).deliveries(context.tenant.id, webhookId, page)
})

/** Makes a delivery due again now (pending, its attempts kept). Needs `settings:manage`. */
export const retryDelivery = Effect.fn("retryDelivery")(function* (
  actor: Actor,
  webhookId: WebhookId,
  deliveryId: DeliveryId
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* manager(actor)
      yield* findWebhook(context, webhookId)
      const outbox = yield* Outbox
      const found = yield* outbox.findDelivery(context.tenant.id, webhookId, deliveryId)
      if (Option.isNone(found)) return yield* new DeliveryNotFound({ deliveryId })
      yield* outbox.retry(context.tenant.id, deliveryId, context.now)
      yield* auditBy(context, {
        action: "webhook.delivery_retried",
        targetType: "webhook",
        targetId: webhookId,
        details: { deliveryId, eventId: found.value.eventId }
      })
      return {
        ...found.value,
        status: "pending" as const,
        nextAttemptAt: context.now,
        updatedAt: context.now
      }
    })
  )
})

/**
 * Queues a `webhook.test` event for this webhook only (it is delivered like any other, whatever the webhook
 * subscribes to). Answers the event's id. Needs `settings:manage`.
 */
export const sendTestEvent = Effect.fn("sendTestEvent")(function* (actor: Actor, webhookId: WebhookId) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* manager(actor)
      const webhook = yield* findWebhook(context, webhookId)
      const eventId = yield* newId<EventId>()
      yield* (yield* Outbox).append(
        {
          id: eventId,
          type: "webhook.test",
          tenantId: context.tenant.id,
          occurredAt: context.now,
          actor: { kind: "user", id: context.user.id },
          data: { webhookId: webhook.id, url: webhook.url }
        },
        { only: webhook.id }
      )
      yield* auditBy(context, { action: "webhook.tested", targetType: "webhook", targetId: webhook.id })
      return { eventId }
    })
  )
})

export const EventFeedRequest = Schema.Struct({
  after: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
  type: Schema.optionalKey(Schema.Array(EventType)),
  limit: Schema.optionalKey(PageLimit)
})
export type EventFeedRequest = typeof EventFeedRequest.Type

/**
 * The tenant's change events in commit order, from `after` (a previous page's `nextCursor`), optionally of some
 * types only: the webhooks' events as a feed. Needs `audit:read`.
 */
export const listEvents = Effect.fn("listEvents")(function* (actor: Actor, request: EventFeedRequest = {}) {
  const context = yield* authenticate(actor)
  yield* requirePermission(context, "audit:read")
  const data = yield* decodeInput(EventFeedRequest, request)
  if (data.after !== undefined) yield* decodeCursor(data.after, undefined, "text")
  return yield* (yield* Outbox).events(context.tenant.id, {
    after: data.after,
    types: data.type,
    limit: data.limit ?? DEFAULT_PAGE_LIMIT
  })
})
