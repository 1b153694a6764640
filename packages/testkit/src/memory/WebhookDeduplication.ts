import { DEFAULT_WEBHOOK_CLAIM_TTL, WebhookDeduplication } from "@gatehouse/domain"
import { Clock, Duration, Effect, Layer } from "effect"
import { MemoryStore, mapTable, ok } from "./MemoryStore.ts"

interface Claim {
  readonly tenantId: string
  readonly expiresAt: number
}

const Claims = mapTable<string, Claim>("webhookClaims")
// Keyed by tenant and webhook id, as the table's (tenant_id, webhook_id) primary key.
const keyOf = (tenantId: string, webhookId: string) => `${tenantId}\u0000${webhookId}`

/**
 * Webhook claims in the memory store, for `ttl` (default `DEFAULT_WEBHOOK_CLAIM_TTL`); time from the Effect
 * Clock. A claim is one store write, so concurrent claims of one key see each other; an expired claim is taken
 * over by the next claim of its key.
 */
export const layerMemoryWith = (
  options: { readonly ttl?: Duration.Input | undefined } = {}
): Layer.Layer<WebhookDeduplication, never, MemoryStore> =>
  Layer.effect(
    WebhookDeduplication,
    Effect.gen(function* () {
      const store = yield* MemoryStore
      const ttl = Duration.toMillis(options.ttl ?? DEFAULT_WEBHOOK_CLAIM_TTL)
      return WebhookDeduplication.of({
        claim: (tenantId, webhookId) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            store.write((s, tx) => {
              const key = keyOf(tenantId, webhookId)
              const held = s.get(Claims).get(key)
              if (held !== undefined && held.expiresAt > now) return ok(false)
              tx.set(Claims, key, { tenantId, expiresAt: now + ttl })
              return ok(true)
            })
          ),
        release: (tenantId, webhookId) =>
          store.write((_, tx) => {
            tx.delete(Claims, keyOf(tenantId, webhookId))
            return ok(undefined)
          })
      })
    })
  )

/** Webhook claims in the memory store for the default TTL. */
export const layerMemory: Layer.Layer<WebhookDeduplication, never, MemoryStore> = layerMemoryWith()
