import { DEFAULT_WEBHOOK_CLAIM_TTL, WebhookDeduplication } from "@gatehouse/domain"
import { Clock, Duration, Effect, Layer } from "effect"
import { Database } from "../Database.ts"

export interface WebhookDeduplicationOptions {
  /** How long a claim is remembered (default `DEFAULT_WEBHOOK_CLAIM_TTL`, 24 hours). */
  readonly ttl?: Duration.Input | undefined
  /** At most this many expired rows of the tenant are deleted by one claim (default 100). */
  readonly pruneLimit?: number | undefined
}

// One statement: the primary key decides. A new key inserts; a live row makes the upsert's WHERE false, so
// nothing is returned (a concurrent claimer waits for the row's transaction, then sees it live); an expired
// row is taken over, as a first claim. The CTE deletes a few other expired rows of the tenant, skipping rows
// another claim holds, so pruning never makes a claim wait.
const CLAIM = `WITH pruned AS (
    DELETE FROM webhook_claims
    WHERE tenant_id = $1 AND webhook_id IN (
      SELECT webhook_id FROM webhook_claims
      WHERE tenant_id = $1 AND expires_at <= $3 AND webhook_id <> $2
      ORDER BY expires_at LIMIT $5
      FOR UPDATE SKIP LOCKED)
  )
  INSERT INTO webhook_claims (tenant_id, webhook_id, received_at, expires_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT ON CONSTRAINT webhook_claims_pkey DO UPDATE
    SET received_at = EXCLUDED.received_at, expires_at = EXCLUDED.expires_at
    WHERE webhook_claims.expires_at <= EXCLUDED.received_at
  RETURNING webhook_id`

const RELEASE = "DELETE FROM webhook_claims WHERE tenant_id = $1 AND webhook_id = $2"

/**
 * Webhook claims in the `webhook_claims` table (migration 4), shared by every server node: of concurrent
 * claims of one key, on any node, the primary key lets exactly one be first. Time from the Effect Clock (the
 * statement is given `now`; the database's clock is never read).
 */
export const make = (
  db: Database["Service"],
  options: WebhookDeduplicationOptions = {}
): WebhookDeduplication["Service"] => {
  const ttl = Duration.toMillis(options.ttl ?? DEFAULT_WEBHOOK_CLAIM_TTL)
  const pruneLimit = options.pruneLimit ?? 100
  return WebhookDeduplication.of({
    claim: (tenantId, webhookId) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const rows = yield* db.query(tenantId, CLAIM, [
          tenantId,
          webhookId,
          new Date(now),
          new Date(now + ttl),
          pruneLimit
        ])
        return rows.length === 1
      }),
    release: (tenantId, webhookId) => Effect.asVoid(db.query(tenantId, RELEASE, [tenantId, webhookId]))
  })
}

/** The table's WebhookDeduplication with `options` (a TTL other than the default, a prune limit). */
export const layerWith = (
  options: WebhookDeduplicationOptions = {}
): Layer.Layer<WebhookDeduplication, never, Database> =>
  Layer.effect(
    WebhookDeduplication,
    Effect.gen(function* () {
      return make(yield* Database, options)
    })
  )

/** The table's WebhookDeduplication for the default TTL (part of `layerRepositories`). */
export const layer: Layer.Layer<WebhookDeduplication, never, Database> = layerWith()
