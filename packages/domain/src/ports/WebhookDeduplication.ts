import { Context, type Duration, type Effect } from "effect"
import type { TenantId } from "../model/ids.ts"

/**
 * How long an implementation remembers a claim unless told otherwise: Shopify retries for up to 48 hours, but a
 * retry only follows a failed answer, and a failed processing releases its claim.
 */
export const DEFAULT_WEBHOOK_CLAIM_TTL: Duration.Input = "24 hours"

/**
 * The webhook ids already handled, per tenant (Shopify delivers at least once and retries a delivery it saw no
 * 200 for). Shared by every server node when the store is shared.
 *
 * Guarantees:
 * - `claim(tenantId, webhookId)` answers `true` ("first") exactly once per key, also when claims run
 *   concurrently (on any node): of N concurrent claims of one key exactly one is first; every later claim
 *   answers `false` (a duplicate) while the claim is remembered.
 * - A claim is remembered for the implementation's TTL (a layer option, default `DEFAULT_WEBHOOK_CLAIM_TTL`)
 *   from the moment it was made, by the Effect `Clock`: at `claimedAt + ttl` it has expired and the next claim
 *   of the key is first again (exactly once, also concurrently). A duplicate claim does not extend it.
 * - `release(tenantId, webhookId)` forgets the key (processing failed, so Shopify's retry must be processed);
 *   releasing a key never claimed does nothing.
 * - Keys of different tenants never meet: the same webhook id is its own key in each tenant.
 * - An expired claim means nothing: a store may delete it at any time (the PostgreSQL one prunes as it goes).
 *
 * The tenant id is branded, decoded where it enters (see `model/ids.ts`): a string cast to a TenantId that is not
 * a UUID is the caller's bug, never checked here. `webhookId` is not an id of ours but the sender's own text
 * (Shopify's `X-Shopify-Webhook-Id`): any string is a key, stored as text.
 */
export class WebhookDeduplication extends Context.Service<
  WebhookDeduplication,
  {
    /** True the first time `(tenantId, webhookId)` is claimed within the TTL, false after. */
    readonly claim: (tenantId: TenantId, webhookId: string) => Effect.Effect<boolean>
    /** Forgets the claim of `(tenantId, webhookId)`, if any. */
    readonly release: (tenantId: TenantId, webhookId: string) => Effect.Effect<void>
  }
>()("@gatehouse/domain/WebhookDeduplication") {}
