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
import { appendIn, MemoryStore, ok, type State, setIn, table, withTable } from "./MemoryStore.ts"
import { paginate, positionOf } from "./paginate.ts"
import { DELIVERIES, WEBHOOKS, type Webhooks } from "./WebhookRepository.ts"

interface Row {
  readonly delivery: Delivery
  /** The position of its event in the feed (claims go oldest event first). */
  readonly seq: number
  readonly lease: string | null
  readonly leaseUntil: number | null
}

type Rows = ReadonlyMap<DeliveryId, Row>
const EVENTS = "outboxEvents"
type Events = ReadonlyArray<ChangeEvent>

const eventsOf = (s: State) => table<Events>(s, EVENTS, [])
const rowsOf = (s: State) => table<Rows>(s, DELIVERIES, new Map())
const webhooksOf = (s: State) => table<Webhooks>(s, WEBHOOKS, new Map())

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
        store.write((s) => {
          const events = eventsOf(s)
          const seq = events.length + 1
          let rows = rowsOf(s)
          for (const webhook of webhooksOf(s).values()) {
            if (webhook.tenantId !== event.tenantId) continue
            const wanted =
              options?.only === undefined ? subscribes(webhook, event.type) : webhook.id === options.only
            if (!wanted || !webhook.enabled) continue
            const id = globalThis.crypto.randomUUID() as DeliveryId
            rows = setIn(rows, id, {
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
          return ok(undefined, withTable(withTable(s, EVENTS, appendIn(events, [event])), DELIVERIES, rows))
        }),
      claim: ({ limit, leaseMillis, now }) =>
        store.write((s) => {
          const at = now.getTime()
          const webhooks = webhooksOf(s)
          const due = [...rowsOf(s).values()]
            .filter(
              (row) =>
                row.delivery.status === "pending" &&
                (row.delivery.nextAttemptAt?.getTime() ?? Infinity) <= at &&
                (row.leaseUntil === null || row.leaseUntil <= at) &&
                webhooks.get(row.delivery.webhookId)?.enabled === true
            )
            .sort((a, b) => a.seq - b.seq)
            .slice(0, limit)
          let rows = rowsOf(s)
          const events = eventsOf(s)
          const claims: Array<ClaimedDelivery> = []
          for (const row of due) {
            const lease = globalThis.crypto.randomUUID()
            rows = setIn(rows, row.delivery.id, { ...row, lease, leaseUntil: at + leaseMillis })
            claims.push({
              delivery: row.delivery,
              event: events[row.seq - 1]!,
              webhook: webhooks.get(row.delivery.webhookId)!,
              lease,
              leaseUntil: new Date(at + leaseMillis)
            })
          }
          return ok(claims, withTable(s, DELIVERIES, rows))
        }),
      complete: (claim, result) =>
        store.write((s) => {
          const row = rowsOf(s).get(claim.delivery.id)
          if (row === undefined || row.lease !== claim.lease) return ok(false, s)
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
          let next = withTable(
            s,
            DELIVERIES,
            setIn(rowsOf(s), delivery.id, { ...row, delivery, lease: null, leaseUntil: null })
          )
          const webhook = webhooksOf(s).get(delivery.webhookId)
          if (!delivered && result.disableWebhook !== undefined && webhook !== undefined)
            next = withTable(
              next,
              WEBHOOKS,
              setIn(webhooksOf(next), webhook.id, {
                ...webhook,
                enabled: false,
                disabledReason: result.disableWebhook,
                updatedAt: result.at
              })
            )
          return ok(true, next)
        }),
      release: (claims) =>
        store.write((s) => {
          let rows = rowsOf(s)
          for (const claim of claims) {
            const row = rows.get(claim.delivery.id)
            if (row !== undefined && row.lease === claim.lease)
              rows = setIn(rows, claim.delivery.id, { ...row, lease: null, leaseUntil: null })
          }
          return ok(undefined, withTable(s, DELIVERIES, rows))
        }),
      deliveries: (tenantId, webhookId, query) =>
        store.read((s) => {
          const sorted = [...rowsOf(s).values()]
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
            Option.fromNullishOr(rowsOf(s).get(deliveryId)?.delivery),
            (d) => d.tenantId === tenantId && d.webhookId === webhookId
          )
        ),
      retry: (tenantId, deliveryId, at) =>
        store.write((s) => {
          const row = rowsOf(s).get(deliveryId)
          if (row === undefined || row.delivery.tenantId !== tenantId) return ok(undefined, s)
          const delivery: Delivery = { ...row.delivery, status: "pending", nextAttemptAt: at, updatedAt: at }
          return ok(undefined, withTable(s, DELIVERIES, setIn(rowsOf(s), deliveryId, { ...row, delivery })))
        }),
      events: (tenantId, query) =>
        store.read((s) => {
          const after = Number(positionOf(query.after)?.key ?? 0)
          const events = eventsOf(s)
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
