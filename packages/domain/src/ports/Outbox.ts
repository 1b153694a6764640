import { Context, type Effect, type Option } from "effect"
import type { ChangeEvent, EventType } from "../model/event.ts"
import type { DeliveryId, TenantId, WebhookId } from "../model/ids.ts"
import type { Page } from "../model/page.ts"
import type { Delivery, StoredWebhook } from "../model/webhook.ts"

/** A delivery a dispatcher holds until `leaseUntil`, with what it needs to send it. */
export interface ClaimedDelivery {
  readonly delivery: Delivery
  readonly event: ChangeEvent
  readonly webhook: StoredWebhook
  /** Proves the claim: a result recorded with another (or after another claimer took the row) is ignored. */
  readonly lease: string
  readonly leaseUntil: Date
}

/** What an attempt came to. `nextAttemptAt` null: no further attempt (given up). */
export type AttemptResult =
  | { readonly _tag: "Delivered"; readonly status: number; readonly at: Date }
  | {
      readonly _tag: "Failed"
      readonly status: number | null
      readonly error: string | null
      readonly at: Date
      readonly nextAttemptAt: Date | null
      /** Disable the webhook too (the receiver answered 410 Gone). */
      readonly disableWebhook?: "gone" | undefined
    }

export interface EventFeedQuery {
  /** A cursor of a previous page (`nextCursor`); from the oldest event when absent. */
  readonly after?: string | undefined
  readonly types?: ReadonlyArray<EventType> | undefined
  readonly limit: number
}

export interface EventFeedPage {
  readonly items: ReadonlyArray<ChangeEvent>
  /** Where the next poll continues: always set (also on an empty page), so a consumer keeps its place. */
  readonly nextCursor: string
}

/**
 * The transactional outbox of change events and their deliveries to webhooks.
 *
 * Guarantees:
 * - `append` joins the caller's transaction: the event and one pending delivery per enabled webhook of the
 *   tenant subscribed to its type (or only to `only`, for a test event) are visible exactly when that
 *   transaction commits; an event of a rolled-back transaction never appears, not in a claim nor in the feed.
 * - `claim` takes at most `limit` pending deliveries of enabled webhooks, of any tenant, due at `now`, that
 *   nobody holds (no lease, or an expired one), oldest event first, and leases them until `now + leaseMillis`.
 *   Of concurrent claimers (any process on the store), no two receive the same delivery while its lease lasts;
 *   a claimer never waits for another's rows. An expired lease is claimed again (a crashed claimer loses nothing).
 * - `complete` records an attempt under the lease it was claimed with and releases it; it answers false and
 *   changes nothing when the lease was lost (expired and claimed again). `release` gives claims back unchanged
 *   (the delivery is due again at once).
 * - `events` lists a tenant's events in commit order, oldest first; a page never skips an event that commits
 *   later with an earlier position (events of transactions still open hold the feed back).
 * - Tenant isolation: every other method reads and writes the given tenant's rows only.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class Outbox extends Context.Service<
  Outbox,
  {
    readonly append: (event: ChangeEvent, options?: { readonly only?: WebhookId }) => Effect.Effect<void>
    readonly claim: (options: {
      readonly limit: number
      readonly leaseMillis: number
      readonly now: Date
    }) => Effect.Effect<ReadonlyArray<ClaimedDelivery>>
    readonly complete: (claim: ClaimedDelivery, result: AttemptResult) => Effect.Effect<boolean>
    readonly release: (claims: ReadonlyArray<ClaimedDelivery>) => Effect.Effect<void>
    readonly deliveries: (
      tenantId: TenantId,
      webhookId: WebhookId,
      query: { readonly limit: number; readonly cursor?: string | undefined }
    ) => Effect.Effect<Page<Delivery>>
    readonly findDelivery: (
      tenantId: TenantId,
      webhookId: WebhookId,
      deliveryId: DeliveryId
    ) => Effect.Effect<Option.Option<Delivery>>
    /** Makes a delivery pending and due at `at` again (a manual retry; attempts are kept). */
    readonly retry: (tenantId: TenantId, deliveryId: DeliveryId, at: Date) => Effect.Effect<void>
    readonly events: (tenantId: TenantId, query: EventFeedQuery) => Effect.Effect<EventFeedPage>
  }
>()("@gatehouse/domain/Outbox") {}
