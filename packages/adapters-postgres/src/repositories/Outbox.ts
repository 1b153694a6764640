import {
  type ChangeEvent,
  type ClaimedDelivery,
  type Delivery,
  type EventType,
  encodeCursor,
  Outbox
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { Database } from "../Database.ts"
import { cursorId, keysetPast, pageLimit, pageOf, positionOf, sqlParams } from "./listing.ts"
import { toWebhook, type WebhookRow } from "./WebhookRepository.ts"

/** The channel a committed append notifies (dispatchers on other processes LISTEN to it). */
export const OUTBOX_CHANNEL = "gatehouse_outbox"

interface DeliveryRow {
  readonly tenant_id: string
  readonly id: string
  readonly webhook_id: string
  readonly event_id: string
  readonly event_seq: string | number
  readonly event_type: string
  readonly status: string
  readonly attempts: number
  readonly last_status: number | null
  readonly last_error: string | null
  readonly next_attempt_at: Date | string | null
  readonly lease?: string | null
  readonly lease_until?: Date | string | null
  readonly created_at: Date | string
  readonly updated_at: Date | string
}

interface EventRow {
  readonly tenant_id: string
  readonly id: string
  readonly seq: string | number
  readonly type: string
  readonly occurred_at: Date | string
  readonly actor_kind: string
  readonly actor_id: string | null
  readonly data: unknown
}

const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value))

const toDelivery = (row: DeliveryRow): Delivery =>
  ({
    id: row.id,
    tenantId: row.tenant_id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    lastStatus: row.last_status,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at === null ? null : date(row.next_attempt_at),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at)
  }) as unknown as Delivery

const toEvent = (row: EventRow): ChangeEvent =>
  ({
    id: row.id,
    type: row.type,
    tenantId: row.tenant_id,
    occurredAt: date(row.occurred_at),
    actor: { kind: row.actor_kind, id: row.actor_id },
    data: row.data
  }) as unknown as ChangeEvent

const DELIVERY_COLUMNS = `tenant_id, id, webhook_id, event_id, event_seq, event_type, status, attempts, last_status,
  last_error, next_attempt_at, created_at, updated_at`
const EVENT_COLUMNS = "tenant_id, id, seq, type, occurred_at, actor_kind, actor_id, data"

// The lock before the insert: the row's seq is drawn after it, and the lock is held to commit, so a tenant's
// events get their seq in commit order. The deliveries fan out to the tenant's enabled, subscribed webhooks
// (or to one webhook, for a test event) and NOTIFY wakes the dispatchers when the transaction commits.
const APPEND = `WITH event AS (
    INSERT INTO outbox_events (tenant_id, id, type, occurred_at, actor_kind, actor_id, data)
    SELECT $1::uuid, $2::uuid, $3::text, $4::timestamptz, $5::text, $6::uuid, $7::jsonb
      FROM (SELECT pg_advisory_xact_lock(1733, hashtext($1::text))) AS serialised
    RETURNING seq
  ), queued AS (
    INSERT INTO webhook_deliveries (tenant_id, id, webhook_id, event_id, event_seq, event_type, status, attempts,
      next_attempt_at, created_at, updated_at)
    SELECT $1::uuid, gen_random_uuid(), w.id, $2::uuid, event.seq, $3::text, 'pending', 0, $4::timestamptz,
      $4::timestamptz, $4::timestamptz
      FROM webhooks w, event
     WHERE w.tenant_id = $1::uuid AND w.enabled
       AND (CASE WHEN $8::uuid IS NULL THEN (w.events @> ARRAY[$3::text] OR w.events @> ARRAY['*']) ELSE w.id = $8::uuid END)
    RETURNING 1
  )
  SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM (SELECT 1 FROM queued LIMIT 1) AS any_queued`

const COMPLETE = `WITH done AS (
    UPDATE webhook_deliveries SET attempts = attempts + 1, status = $4, last_status = $5, last_error = $6,
      next_attempt_at = $7, updated_at = $8, lease = NULL, lease_until = NULL
     WHERE tenant_id = $1 AND id = $2 AND lease = $3
    RETURNING webhook_id
  ), disabled AS (
    UPDATE webhooks w SET enabled = false, disabled_reason = $9, updated_at = $8
      FROM done WHERE $9::text IS NOT NULL AND w.tenant_id = $1 AND w.id = done.webhook_id
    RETURNING w.id
  )
  SELECT (SELECT count(*) FROM done)::int AS done, (SELECT count(*) FROM disabled)::int AS disabled`

/**
 * The outbox on PostgreSQL (migration 10). `append` is one statement in the caller's transaction; `claim` is
 * `gatehouse_claim_deliveries` (FOR UPDATE SKIP LOCKED across tenants); the rest run under the tenant policy.
 * Times come from the caller (the Effect Clock), never from the database's clock.
 */
export const layer: Layer.Layer<Outbox, never, Database> = Layer.effect(
  Outbox,
  Effect.gen(function* () {
    const db = yield* Database
    return Outbox.of({
      append: (event, options) =>
        Effect.asVoid(
          db.write(event.tenantId, APPEND, [
            event.tenantId,
            event.id,
            event.type,
            event.occurredAt,
            event.actor.kind,
            event.actor.id,
            JSON.stringify(event.data),
            options?.only ?? null
          ])
        ),
      claim: ({ limit, leaseMillis, now }) =>
        Effect.map(
          db.query<{ readonly claim: { delivery: DeliveryRow; event: EventRow; webhook: WebhookRow } }>(
            null,
            "SELECT claim FROM gatehouse_claim_deliveries($1, $2, $3) AS claim",
            [limit, now, new Date(now.getTime() + leaseMillis)]
          ),
          (rows) =>
            rows.map(
              ({ claim }): ClaimedDelivery => ({
                delivery: toDelivery(claim.delivery),
                event: toEvent(claim.event),
                webhook: toWebhook(claim.webhook),
                lease: claim.delivery.lease!,
                leaseUntil: date(claim.delivery.lease_until!)
              })
            )
        ),
      complete: (claim, result) => {
        const delivered = result._tag === "Delivered"
        return Effect.map(
          db.query<{ readonly done: number }>(claim.delivery.tenantId, COMPLETE, [
            claim.delivery.tenantId,
            claim.delivery.id,
            claim.lease,
            delivered ? "delivered" : result.nextAttemptAt === null ? "failed" : "pending",
            result.status,
            delivered ? null : result.error,
            delivered ? null : result.nextAttemptAt,
            result.at,
            delivered ? null : (result.disableWebhook ?? null)
          ]),
          (rows) => rows[0]?.done === 1
        )
      },
      release: (claims) =>
        Effect.forEach(
          claims,
          (claim) =>
            db.query(
              claim.delivery.tenantId,
              "UPDATE webhook_deliveries SET lease = NULL, lease_until = NULL WHERE tenant_id = $1 AND id = $2 AND lease = $3",
              [claim.delivery.tenantId, claim.delivery.id, claim.lease]
            ),
          { discard: true }
        ),
      deliveries: (tenantId, webhookId, query) =>
        Effect.gen(function* () {
          const { params, param } = sqlParams(tenantId, webhookId)
          const where = "tenant_id = $1 AND webhook_id = $2"
          const position = positionOf(query.cursor)
          const page =
            position === undefined || !/^\d+$/.test(String(position.key))
              ? where
              : `${where} AND ${keysetPast("event_seq", `${param(String(position.key))}::bigint`, cursorId("id", position.id, param), "<")}`
          const limit = pageLimit(query.limit)
          const rows = yield* db.read<DeliveryRow>(
            tenantId,
            `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE ${page}
              ORDER BY event_seq DESC, id DESC LIMIT ${limit + 1}`,
            params
          )
          const total = yield* db.read<{ count: number }>(
            tenantId,
            `SELECT count(*)::int AS count FROM webhook_deliveries WHERE ${where}`,
            [tenantId, webhookId]
          )
          const seqOf = new Map(rows.map((row) => [row.id, Number(row.event_seq)]))
          return pageOf(rows, {
            limit,
            total: total[0]?.count ?? 0,
            toItem: toDelivery,
            keyOf: (delivery) => seqOf.get(delivery.id) ?? 0
          })
        }),
      findDelivery: (tenantId, webhookId, deliveryId) =>
        Effect.map(
          db.query<DeliveryRow>(
            tenantId,
            `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE tenant_id = $1 AND webhook_id = $2 AND id = $3`,
            [tenantId, webhookId, deliveryId]
          ),
          (rows) => Option.map(Option.fromNullishOr(rows[0]), toDelivery)
        ),
      retry: (tenantId, deliveryId, at) =>
        Effect.asVoid(
          db.query(
            tenantId,
            `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $3, updated_at = $3
                  WHERE tenant_id = $1 AND id = $2`,
            [tenantId, deliveryId, at]
          )
        ),
      events: (tenantId, query) =>
        Effect.gen(function* () {
          const position = positionOf(query.after)
          const after =
            position !== undefined && /^\d+$/.test(String(position.key)) ? String(position.key) : "0"
          const { params, param } = sqlParams(tenantId, after)
          const types =
            query.types === undefined
              ? ""
              : ` AND type = ANY(${param([...query.types] as Array<EventType>)}::text[])`
          const rows = yield* db.read<EventRow>(
            tenantId,
            `SELECT ${EVENT_COLUMNS} FROM outbox_events WHERE tenant_id = $1 AND seq > $2::bigint${types}
              ORDER BY seq LIMIT ${pageLimit(query.limit)}`,
            params
          )
          const last = rows.at(-1)
          return {
            items: rows.map(toEvent),
            nextCursor: encodeCursor({
              key: last === undefined ? Number(after) : Number(last.seq),
              id: last?.id ?? ""
            })
          }
        })
    })
  })
)
