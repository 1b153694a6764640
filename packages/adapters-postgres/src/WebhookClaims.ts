import type { TenantId } from "@gatehouse/domain"
import { Clock, Duration, Effect } from "effect"
import type { Database } from "./Database.ts"
import { isUuid } from "./repositories/rows.ts"

/**
 * Webhook de-duplication shared by every server node: the shape of `WebhookDeduplication`
 * (adapters-shopify) keyed by tenant and webhook id instead of one joined string, so that the service can
 * move into the domain as a port and this adapter implement it without importing adapters-shopify.
 *
 * Guarantees: `claim` is atomic (of concurrent claims of one key, on any node, exactly one gets true); a key
 * is remembered for the TTL after its claim, then may be claimed again; `release` forgets it (processing
 * failed, so the retry must be processed); keys of different tenants never meet.
 */
export interface WebhookClaims {
  /** True the first time `(tenantId, webhookId)` is claimed within the TTL, false after. */
  readonly claim: (tenantId: TenantId, webhookId: string) => Effect.Effect<boolean>
  readonly release: (tenantId: TenantId, webhookId: string) => Effect.Effect<void>
}

export interface WebhookClaimsOptions {
  /** How long a claim is remembered (default 24 hours, as the in-memory layer). */
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

/** Webhook claims in the `webhook_claims` table (migration 4); time from the Effect Clock. */
export const makeWebhookClaims = (
  db: Database["Service"],
  options: WebhookClaimsOptions = {}
): WebhookClaims => {
  const ttl = Duration.toMillis(options.ttl ?? "24 hours")
  const pruneLimit = options.pruneLimit ?? 100
  const tenantOf = (tenantId: TenantId) =>
    isUuid(tenantId) ? Effect.succeed(tenantId) : Effect.die(new Error(`Not a tenant id: ${tenantId}`))
  return {
    claim: (tenantId, webhookId) =>
      Effect.gen(function* () {
        const tenant = yield* tenantOf(tenantId)
        const now = yield* Clock.currentTimeMillis
        const rows = yield* db.query(tenant, CLAIM, [
          tenant,
          webhookId,
          new Date(now),
          new Date(now + ttl),
          pruneLimit
        ])
        return rows.length === 1
      }),
    release: (tenantId, webhookId) =>
      Effect.flatMap(tenantOf(tenantId), (tenant) =>
        Effect.asVoid(db.query(tenant, RELEASE, [tenant, webhookId]))
      )
  }
}
