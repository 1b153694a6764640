import {
  ChangeEvent,
  CreateWebhookInput,
  createWebhook,
  Delivery,
  DeliveryId,
  deleteWebhook,
  EventId,
  getWebhook,
  listDeliveries,
  listEvents,
  listWebhooks,
  PageLimit,
  retryDelivery,
  rotateWebhookSecret,
  sendTestEvent,
  UpdateWebhookInput,
  updateWebhook,
  Webhook,
  WebhookId,
  type WebhookWithSecret
} from "@gatehouse/domain"
import { Effect, Redacted, Schema } from "effect"
import type { FastifyInstance } from "fastify"
import { page } from "../schema/responses.ts"
import { wholeList } from "./actor.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

const MANAGE = "Needs settings:manage."
const Cursor = Schema.String.check(Schema.isMaxLength(1000))

const WebhookParams = Schema.Struct({ id: WebhookId })
const DeliveryParams = Schema.Struct({ id: WebhookId, deliveryId: DeliveryId })
const DeliveriesQuery = Schema.Struct({
  limit: Schema.optionalKey(PageLimit),
  cursor: Schema.optionalKey(Cursor)
})
const EventsQuery = Schema.Struct({
  after: Schema.optionalKey(Cursor),
  /** One type or several, comma-separated (e.g. `user.created,user.deleted`). */
  type: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(2000))),
  limit: Schema.optionalKey(PageLimit)
})

/** A webhook and its signing secret (`whsec_...`), which is shown here once and never again. */
const WebhookWithSecretResponse = Schema.Struct({ webhook: Webhook, secret: Schema.String })
const TestEventResponse = Schema.Struct({ eventId: EventId })
const EventFeedResponse = Schema.Struct({ items: Schema.Array(ChangeEvent), nextCursor: Schema.String })

const withSecret = (created: WebhookWithSecret) => ({
  webhook: created.webhook,
  secret: Redacted.value(created.secret)
})

/** `/v1/webhooks[...]` (settings:manage) and `/v1/events` (audit:read): outgoing events and their deliveries. */
export const webhookRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/webhooks",
    tag: "webhooks",
    summary: "The tenant's webhook endpoints",
    description: MANAGE,
    auth: "session",
    sharedTransaction: true,
    response: page(Webhook),
    handle: ({ actor }) => listWebhooks(actor).pipe(Effect.map(wholeList))
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/webhooks",
    tag: "webhooks",
    summary: "Add a webhook endpoint; answers its signing secret once",
    description: `${MANAGE} \`events\` lists event types or is ["*"]. The URL must be one the server may call (422 OUTBOUND_URL_REFUSED).`,
    auth: "session",
    body: CreateWebhookInput,
    status: 201,
    response: WebhookWithSecretResponse,
    handle: ({ actor, body }) => createWebhook(actor, body).pipe(Effect.map(withSecret))
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/webhooks/:id",
    tag: "webhooks",
    summary: "One webhook endpoint",
    description: MANAGE,
    auth: "session",
    sharedTransaction: true,
    params: WebhookParams,
    response: Webhook,
    handle: ({ actor, params }) => getWebhook(actor, params.id)
  })

  registerRoute(app, deps, {
    method: "PATCH",
    url: "/v1/webhooks/:id",
    tag: "webhooks",
    summary: "Change a webhook's URL, events, description, or enable it again",
    description: MANAGE,
    auth: "session",
    params: WebhookParams,
    body: UpdateWebhookInput,
    response: Webhook,
    handle: ({ actor, params, body }) => updateWebhook(actor, params.id, body)
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/webhooks/:id",
    tag: "webhooks",
    summary: "Delete a webhook endpoint and its deliveries",
    description: MANAGE,
    auth: "session",
    params: WebhookParams,
    handle: ({ actor, params }) => deleteWebhook(actor, params.id)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/webhooks/:id/rotate-secret",
    tag: "webhooks",
    summary: "New signing secret (answered once); the old one keeps signing alongside for 24 hours",
    description: MANAGE,
    auth: "session",
    params: WebhookParams,
    response: WebhookWithSecretResponse,
    handle: ({ actor, params }) => rotateWebhookSecret(actor, params.id).pipe(Effect.map(withSecret))
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/webhooks/:id/test",
    tag: "webhooks",
    summary: "Queue a webhook.test event for this endpoint",
    description: MANAGE,
    auth: "session",
    params: WebhookParams,
    response: TestEventResponse,
    handle: ({ actor, params }) => sendTestEvent(actor, params.id)
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/webhooks/:id/deliveries",
    tag: "webhooks",
    summary: "A webhook's deliveries, newest first (event, attempts, last status, next attempt)",
    description: MANAGE,
    auth: "session",
    sharedTransaction: true,
    params: WebhookParams,
    query: DeliveriesQuery,
    response: page(Delivery),
    handle: ({ actor, params, query }) => listDeliveries(actor, params.id, query)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/webhooks/:id/deliveries/:deliveryId/retry",
    tag: "webhooks",
    summary: "Deliver again now (a failed or pending delivery)",
    description: MANAGE,
    auth: "session",
    params: DeliveryParams,
    response: Delivery,
    handle: ({ actor, params }) => retryDelivery(actor, params.id, params.deliveryId)
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/events",
    tag: "webhooks",
    summary: "The change events as a feed, oldest first, from `after` (a previous page's nextCursor)",
    description:
      "The events webhooks receive, in commit order; `type` filters (comma-separated). Keep `nextCursor` and poll with it. Needs audit:read.",
    auth: "session",
    sharedTransaction: true,
    query: EventsQuery,
    response: EventFeedResponse,
    handle: ({ actor, query }) =>
      listEvents(actor, {
        ...(query.after === undefined ? {} : { after: query.after }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
        ...(query.type === undefined ? {} : { type: query.type.split(",").map((t) => t.trim()) as never })
      })
  })
}
