import { WebhookNotFound, WebhookRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, ok } from "./MemoryStore.ts"
import { Deliveries, Webhooks } from "./outboxTables.ts"

/** Webhooks in memory; deleting one deletes its deliveries (the Outbox's rows). */
export const layerMemory: Layer.Layer<WebhookRepository, never, MemoryStore> = Layer.effect(
  WebhookRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return WebhookRepository.of({
      insert: (webhook) =>
        store.write((_, tx) => {
          tx.set(Webhooks, webhook.id, webhook)
          return ok(webhook)
        }),
      findById: (tenantId, id) =>
        store.read((s) =>
          Option.filter(Option.fromNullishOr(s.get(Webhooks).get(id)), (w) => w.tenantId === tenantId)
        ),
      update: (webhook) =>
        store.write((s, tx) => {
          const current = s.get(Webhooks).get(webhook.id)
          if (current === undefined || current.tenantId !== webhook.tenantId)
            return fail(new WebhookNotFound({ webhookId: webhook.id }))
          tx.set(Webhooks, webhook.id, webhook)
          return ok(webhook)
        }),
      delete: (tenantId, id) =>
        store.write((s, tx) => {
          const current = s.get(Webhooks).get(id)
          if (current === undefined || current.tenantId !== tenantId)
            return fail(new WebhookNotFound({ webhookId: id }))
          for (const [key, row] of [...s.get(Deliveries)])
            if (row.delivery.webhookId === id) tx.delete(Deliveries, key)
          tx.delete(Webhooks, id)
          return ok(undefined)
        }),
      list: (tenantId) =>
        store.read((s) =>
          [...s.get(Webhooks).values()]
            .filter((w) => w.tenantId === tenantId)
            .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
        )
    })
  })
)
