import { type StoredWebhook, type WebhookId, WebhookNotFound, WebhookRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, ok, setIn, table, withTable } from "./MemoryStore.ts"

export type Webhooks = ReadonlyMap<WebhookId, StoredWebhook>
export const WEBHOOKS = "webhooks"
/** Deliveries live in the Outbox's table; deleting a webhook deletes them (see `Outbox.ts`). */
export const DELIVERIES = "outboxDeliveries"

export const layerMemory: Layer.Layer<WebhookRepository, never, MemoryStore> = Layer.effect(
  WebhookRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const webhooksOf = (s: Parameters<typeof table>[0]) => table<Webhooks>(s, WEBHOOKS, new Map())
    return WebhookRepository.of({
      insert: (webhook) =>
        store.write((s) => ok(webhook, withTable(s, WEBHOOKS, setIn(webhooksOf(s), webhook.id, webhook)))),
      findById: (tenantId, id) =>
        store.read((s) =>
          Option.filter(Option.fromNullishOr(webhooksOf(s).get(id)), (w) => w.tenantId === tenantId)
        ),
      update: (webhook) =>
        store.write((s) => {
          const current = webhooksOf(s).get(webhook.id)
          if (current === undefined || current.tenantId !== webhook.tenantId)
            return fail(new WebhookNotFound({ webhookId: webhook.id }))
          return ok(webhook, withTable(s, WEBHOOKS, setIn(webhooksOf(s), webhook.id, webhook)))
        }),
      delete: (tenantId, id) =>
        store.write((s) => {
          const current = webhooksOf(s).get(id)
          if (current === undefined || current.tenantId !== tenantId)
            return fail(new WebhookNotFound({ webhookId: id }))
          const deliveries = table<
            ReadonlyMap<string, { readonly delivery: { readonly webhookId: string } }>
          >(s, DELIVERIES, new Map())
          const kept = new Map([...deliveries].filter(([, row]) => row.delivery.webhookId !== id))
          return ok(
            undefined,
            withTable(withTable(s, WEBHOOKS, setIn(webhooksOf(s), id, undefined)), DELIVERIES, kept)
          )
        }),
      list: (tenantId) =>
        store.read((s) =>
          [...webhooksOf(s).values()]
            .filter((w) => w.tenantId === tenantId)
            .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
        )
    })
  })
)
