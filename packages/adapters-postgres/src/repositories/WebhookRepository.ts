import { type StoredWebhook, WebhookNotFound, WebhookRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { Database } from "../Database.ts"

export interface WebhookRow {
  readonly tenant_id: string
  readonly id: string
  readonly url: string
  readonly events: ReadonlyArray<string>
  readonly description: string | null
  readonly enabled: boolean
  readonly disabled_reason: string | null
  readonly sealed_secret: string
  readonly sealed_previous_secret: string | null
  readonly previous_secret_expires_at: Date | string | null
  readonly created_at: Date | string
  readonly updated_at: Date | string
}

const COLUMNS = `tenant_id, id, url, events, description, enabled, disabled_reason, sealed_secret,
  sealed_previous_secret, previous_secret_expires_at, created_at, updated_at`

const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value))

/** A row as `pg` reads it, or as `to_jsonb` wrote it (timestamps as strings): both give the same webhook. */
export const toWebhook = (row: WebhookRow): StoredWebhook =>
  ({
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    events: [...row.events],
    description: row.description,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    sealedSecret: row.sealed_secret,
    sealedPreviousSecret: row.sealed_previous_secret,
    previousSecretExpiresAt:
      row.previous_secret_expires_at === null ? null : date(row.previous_secret_expires_at),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at)
  }) as unknown as StoredWebhook

const values = (w: StoredWebhook) => [
  w.tenantId,
  w.id,
  w.url,
  [...w.events],
  w.description,
  w.enabled,
  w.disabledReason,
  w.sealedSecret,
  w.sealedPreviousSecret,
  w.previousSecretExpiresAt,
  w.createdAt,
  w.updatedAt
]

/** Webhook endpoints in `webhooks` (migration 10); deleting one cascades to its deliveries. */
export const layer: Layer.Layer<WebhookRepository, never, Database> = Layer.effect(
  WebhookRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return WebhookRepository.of({
      insert: (webhook) =>
        Effect.as(
          db.query(
            webhook.tenantId,
            `INSERT INTO webhooks (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            values(webhook)
          ),
          webhook
        ),
      findById: (tenantId, id) =>
        Effect.map(
          db.read<WebhookRow>(tenantId, `SELECT ${COLUMNS} FROM webhooks WHERE tenant_id = $1 AND id = $2`, [
            tenantId,
            id
          ]),
          (rows) => Option.map(Option.fromNullishOr(rows[0]), toWebhook)
        ),
      update: (webhook) =>
        Effect.flatMap(
          db.query(
            webhook.tenantId,
            `UPDATE webhooks SET url = $3, events = $4, description = $5, enabled = $6, disabled_reason = $7,
                   sealed_secret = $8, sealed_previous_secret = $9, previous_secret_expires_at = $10,
                   created_at = $11, updated_at = $12
                 WHERE tenant_id = $1 AND id = $2 RETURNING id`,
            values(webhook)
          ),
          (rows) =>
            rows.length === 1
              ? Effect.succeed(webhook)
              : Effect.fail(new WebhookNotFound({ webhookId: webhook.id }))
        ),
      delete: (tenantId, id) =>
        Effect.flatMap(
          db.query(tenantId, "DELETE FROM webhooks WHERE tenant_id = $1 AND id = $2 RETURNING id", [
            tenantId,
            id
          ]),
          (rows) => (rows.length === 1 ? Effect.void : Effect.fail(new WebhookNotFound({ webhookId: id })))
        ),
      list: (tenantId) =>
        Effect.map(
          db.read<WebhookRow>(
            tenantId,
            `SELECT ${COLUMNS} FROM webhooks WHERE tenant_id = $1 ORDER BY created_at, id`,
            [tenantId]
          ),
          (rows) => rows.map(toWebhook)
        )
    })
  })
)
