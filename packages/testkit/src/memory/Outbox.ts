import {
  type ChangeEvent,
  type ClaimedDelivery,
  type Delivery,
  type DeliveryId,
  encodeCursor,
  Outbox,
  subscribes
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, ok } from "./MemoryStore.ts"
import { Deliveries, Events, Webhooks } from "./outboxTables.ts"
import { paginate, positionOf } from "./paginate.ts"

/**
 * The outbox in the memory store: events in an array (their index is the feed position), deliveries in a map.
 * An append is part of the store's transaction like every write, so a rolled-back one leaves nothing; a claim
 * is one write, so concurrent claimers never take the same row.
 */
export const layerMemory: Layer.Layer<Outbox, never, MemoryStore> = Layer.effect(
  Outbox,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return Outbox.of({
      append: (event, options) =>
        store.write((s, tx) => {
          const seq = s.get(Events).length + 1
          for (const webhook of s.get(Webhooks).values()) {
            if (webhook.tenantId !== event.tenantId) continue
            const wanted =
              options?.only === undefined ? subscribes(webhook, event.type) : webhook.id === options.only
            if (!wanted || !webhook.enabled) continue
            const id = globalThis.crypto.randomUUID() as DeliveryId
            tx.set(Deliveries, id, {
              seq,
              lease: null,
              leaseUntil: null,
              delivery: {
                id,
                tenantId: event.tenantId,
                webhookId: webhook.id,
                eventId: event.id,
                eventType: event.type,
                status: "pending",
                attempts: 0,
                lastStatus: null,
                lastError: null,
                nextAttemptAt: event.occurredAt,
                createdAt: event.occurredAt,
                updatedAt: event.occurredAt
              }
            })
          }
          tx.append(Events, [event])
          return ok(undefined)
        }),
      claim: ({ limit, leaseMillis, now }) =>
        store.write((s, tx) => {
          const at = now.getTime()
          const webhooks = s.get(Webhooks)
          const due = [...s.get(Deliveries).values()]
            .filter(
              (row) =>
                row.delivery.status === "pending" &&
                (row.delivery.nextAttemptAt?.getTime() ?? Infinity) <= at &&
                (row.leaseUntil === null || row.leaseUntil <= at) &&
                webhooks.get(row.delivery.webhookId)?.enabled === true
            )
            .sort((a, b) => a.seq - b.seq)
            .slice(0, limit)
          const events = s.get(Events)
          const claims: Array<ClaimedDelivery> = []
          for (const row of due) {
            const lease = globalThis.crypto.randomUUID()
            tx.set(Deliveries, row.delivery.id, { ...row, lease, leaseUntil: at + leaseMillis })
            claims.push({
              delivery: row.delivery,
              event: events[row.seq - 1]!,
              webhook: webhooks.get(row.delivery.webhookId)!,
              lease,
              leaseUntil: new Date(at + leaseMillis)
            })
          }
          return ok(claims)
        }),
      complete: (claim, result) =>
        store.write((s, tx) => {
          const row = s.get(Deliveries).get(claim.delivery.id)
          if (row === undefined || row.lease !== claim.lease) return ok(false)
          const delivered = result._tag === "Delivered"
          const delivery: Delivery = {
            ...row.delivery,
            attempts: row.delivery.attempts + 1,
            status: delivered ? "delivered" : result.nextAttemptAt === null ? "failed" : "pending",
            lastStatus: result.status,
            lastError: delivered ? null : result.error,
            nextAttemptAt: delivered ? null : result.nextAttemptAt,
            updatedAt: result.at
          }
          tx.set(Deliveries, delivery.id, { ...row, delivery, lease: null, leaseUntil: null })
          const webhook = s.get(Webhooks).get(delivery.webhookId)
          if (!delivered && result.disableWebhook !== undefined && webhook !== undefined)
            tx.set(Webhooks, webhook.id, {
              ...webhook,
              enabled: false,
              disabledReason: result.disableWebhook,
              updatedAt: result.at
            })
          return ok(true)
        }),
      release: (claims) =>
        store.write((s, tx) => {
          for (const claim of claims) {
            const row = s.get(Deliveries).get(claim.delivery.id)
            if (row !== undefined && row.lease === claim.lease)
              tx.set(Deliveries, claim.delivery.id, { ...row, lease: null, leaseUntil: null })
          }
          return ok(undefined)
        }),
      deliveries: (tenantId, webhookId, query) =>
        store.read((s) => {
          const sorted = [...s.get(Deliveries).values()]
            .filter((row) => row.delivery.tenantId === tenantId && row.delivery.webhookId === webhookId)
            .sort((a, b) => b.seq - a.seq || (a.delivery.id < b.delivery.id ? 1 : -1))
            .map((row) => ({ ...row.delivery, seq: row.seq }))
          const page = paginate(sorted, {
            limit: query.limit,
            after: positionOf(query.cursor),
            isAfter: (row, p) => row.seq < Number(p.key) || (row.seq === Number(p.key) && row.id < p.id),
            keyOf: (row) => row.seq
          })
          return { ...page, items: page.items.map(({ seq: _, ...delivery }) => delivery) }
        }),
      findDelivery: (tenantId, webhookId, deliveryId) =>
        store.read((s) =>
          Option.filter(
            Option.fromNullishOr(s.get(Deliveries).get(deliveryId)?.delivery),
            (d) => d.tenantId === tenantId && d.webhookId === webhookId
          )
        ),
      retry: (tenantId, deliveryId, at) =>
        store.write((s, tx) => {
          const row = s.get(Deliveries).get(deliveryId)
          if (row === undefined || row.delivery.tenantId !== tenantId) return ok(undefined)
          const delivery: Delivery = { ...row.delivery, status: "pending", nextAttemptAt: at, updatedAt: at }
          tx.set(Deliveries, deliveryId, { ...row, delivery })
          return ok(undefined)
        }),
      events: (tenantId, query) =>
        store.read((s) => {
          const after = Number(positionOf(query.after)?.key ?? 0)
          const events = s.get(Events)
          const items: Array<ChangeEvent> = []
          let last = after
          for (let i = after; i < events.length && items.length < query.limit; i++) {
            const event = events[i]!
            last = i + 1
            if (event.tenantId !== tenantId) continue
            if (query.types !== undefined && !query.types.includes(event.type)) continue
            items.push(event)
          }
          return { items, nextCursor: encodeCursor({ key: last, id: items.at(-1)?.id ?? "" }) }
        })
    })
  })
)
