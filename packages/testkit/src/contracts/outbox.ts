import { assert, layer, type Vitest } from "@effect/vitest"
import {
  type ChangeEvent,
  type ClaimedDelivery,
  MembershipExpiries,
  MembershipRepository,
  OrganizationRepository,
  Outbox,
  type TenantId,
  Transactor,
  UserRepository,
  WebhookRepository
} from "@gatehouse/domain"
import { Data, Effect, Exit, type Layer, Option } from "effect"
import { aChangeEvent, aMembership, anOrganization, aUser, aWebhook } from "../builders.ts"
import { freshTenant, type Repositories, race } from "./support.ts"

/** What the suite needs of a store: the repositories (fresh tenants), the Outbox and the webhooks. */
export type OutboxServices = Repositories | Outbox | WebhookRepository | MembershipExpiries
export type OutboxIt = Vitest.MethodsNonLive<OutboxServices>

class Boom extends Data.TaggedError("Boom")<{}> {}

// Claims are global (every tenant): each test works at its own instant, a day before the previous test's, so
// rows an earlier test left pending are not due yet for the next one.
let day = Date.UTC(2001, 0, 1)
const freshInstant = (): number => {
  day -= 24 * 60 * 60 * 1000
  return day
}

const at = (millis: number) => new Date(millis)

/** A fresh tenant with one webhook subscribed to everything. */
const tenantWithWebhook = Effect.gen(function* () {
  const { tenant } = yield* freshTenant()
  const webhook = yield* (yield* WebhookRepository).insert(aWebhook({ tenantId: tenant.id }))
  return { tenant, webhook }
})

const appendCommitted = (event: ChangeEvent) =>
  Effect.flatMap(Outbox, (outbox) =>
    Effect.flatMap(Transactor, (t) => t.withTransaction(outbox.append(event)))
  )

const claimAt = (now: number, options: { readonly limit?: number; readonly leaseMillis?: number } = {}) =>
  Effect.flatMap(Outbox, (outbox) =>
    outbox.claim({ limit: options.limit ?? 100, leaseMillis: options.leaseMillis ?? 60_000, now: at(now) })
  )

const eventIdsOf = (claims: ReadonlyArray<ClaimedDelivery>, tenantId: TenantId) =>
  claims.filter((c) => c.event.tenantId === tenantId).map((c) => c.event.id)

/**
 * The Outbox guarantees: an append commits or rolls back with its transaction; it fans out to the tenant's
 * enabled, subscribed webhooks; claimers never share a row (20 concurrent claimers), expired leases are
 * claimed again and the old lease can no longer record; results schedule, end or disable; the feed is in
 * order, filtered, resumable and isolated by tenant. Also MembershipExpiries' one-time recording.
 */
export const outboxTests = (it: OutboxIt): void => {
  it.effect("an event appended in a rolled-back transaction never appears; a committed one does", () =>
    Effect.gen(function* () {
      const outbox = yield* Outbox
      const { tenant } = yield* tenantWithWebhook
      const t0 = freshInstant()
      const lost = aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0) })
      const kept = aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0) })
      const exit = yield* Effect.exit(
        (yield* Transactor).withTransaction(Effect.andThen(outbox.append(lost), Effect.fail(new Boom())))
      )
      assert.isTrue(Exit.isFailure(exit))
      yield* appendCommitted(kept)
      const claimed = eventIdsOf(yield* claimAt(t0), tenant.id)
      assert.deepStrictEqual(claimed, [kept.id])
      const feed = yield* outbox.events(tenant.id, { limit: 100 })
      assert.deepStrictEqual(
        feed.items.map((e) => e.id),
        [kept.id]
      )
    })
  )

  it.effect("an append makes one delivery per enabled webhook of the tenant subscribed to its type", () =>
    Effect.gen(function* () {
      const webhooks = yield* WebhookRepository
      const { tenant, webhook: all } = yield* tenantWithWebhook
      const users = yield* webhooks.insert(aWebhook({ tenantId: tenant.id, events: ["user.updated"] }))
      yield* webhooks.insert(aWebhook({ tenantId: tenant.id, events: ["group.created"] }))
      yield* webhooks.insert(aWebhook({ tenantId: tenant.id, enabled: false }))
      const { tenant: other } = yield* freshTenant()
      yield* webhooks.insert(aWebhook({ tenantId: other.id }))
      const t0 = freshInstant()
      yield* appendCommitted(aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0), type: "user.updated" }))
      const claims = (yield* claimAt(t0)).filter(
        (c) => c.event.tenantId === tenant.id || c.event.tenantId === other.id
      )
      assert.deepStrictEqual(claims.map((c) => c.webhook.id).sort(), [all.id, users.id].sort())
      assert.isTrue(claims.every((c) => c.delivery.status === "pending" && c.delivery.attempts === 0))
    })
  )

  it.effect("an append for one webhook only (a test event) reaches that webhook, subscribed or not", () =>
    Effect.gen(function* () {
      const outbox = yield* Outbox
      const { tenant } = yield* tenantWithWebhook
      const target = yield* (yield* WebhookRepository).insert(
        aWebhook({ tenantId: tenant.id, events: ["group.created"] })
      )
      const t0 = freshInstant()
      const event = aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0), type: "webhook.test" })
      yield* (yield* Transactor).withTransaction(outbox.append(event, { only: target.id }))
      const claims = (yield* claimAt(t0)).filter((c) => c.event.tenantId === tenant.id)
      assert.deepStrictEqual(
        claims.map((c) => c.webhook.id),
        [target.id]
      )
    })
  )

  it.effect("20 concurrent claimers never get the same delivery, and together get every due one", () =>
    Effect.gen(function* () {
      const { tenant } = yield* tenantWithWebhook
      const t0 = freshInstant()
      const events = Array.from({ length: 30 }, () =>
        aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0) })
      )
      for (const event of events) yield* appendCommitted(event)
      const { successes } = yield* race(20, () => claimAt(t0, { limit: 2 }))
      const ids = successes.flatMap((claims) => eventIdsOf(claims, tenant.id))
      assert.strictEqual(new Set(ids).size, ids.length, "no delivery was claimed twice")
      const rest = eventIdsOf(yield* claimAt(t0), tenant.id)
      assert.deepStrictEqual([...ids, ...rest].sort(), events.map((e) => e.id).sort())
    })
  )

  it.effect(
    "a held lease keeps others off; an expired one is claimed again and the old lease records nothing",
    () =>
      Effect.gen(function* () {
        const outbox = yield* Outbox
        const { tenant } = yield* tenantWithWebhook
        const t0 = freshInstant()
        yield* appendCommitted(aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0) }))
        const [first] = (yield* claimAt(t0, { leaseMillis: 1_000 })).filter(
          (c) => c.event.tenantId === tenant.id
        )
        assert.isDefined(first)
        assert.deepStrictEqual(eventIdsOf(yield* claimAt(t0 + 999), tenant.id), [])
        const [again] = (yield* claimAt(t0 + 1_000)).filter((c) => c.event.tenantId === tenant.id)
        assert.strictEqual(again?.delivery.id, first!.delivery.id)
        assert.notStrictEqual(again!.lease, first!.lease)
        const stale = yield* outbox.complete(first!, { _tag: "Delivered", status: 200, at: at(t0 + 1_001) })
        assert.isFalse(stale, "the expired lease records nothing")
        assert.isTrue(yield* outbox.complete(again!, { _tag: "Delivered", status: 204, at: at(t0 + 1_002) }))
        const delivery = yield* outbox.findDelivery(tenant.id, again!.webhook.id, again!.delivery.id)
        assert.strictEqual(Option.getOrThrow(delivery).status, "delivered")
        assert.strictEqual(Option.getOrThrow(delivery).lastStatus, 204)
        assert.strictEqual(Option.getOrThrow(delivery).attempts, 1)
        assert.deepStrictEqual(eventIdsOf(yield* claimAt(t0 + 10_000_000), tenant.id), [])
      })
  )

  it.effect("a failed attempt is due again at its next attempt; released claims are due at once", () =>
    Effect.gen(function* () {
      const outbox = yield* Outbox
      const { tenant } = yield* tenantWithWebhook
      const t0 = freshInstant()
      yield* appendCommitted(aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0) }))
      const [claim] = (yield* claimAt(t0)).filter((c) => c.event.tenantId === tenant.id)
      yield* outbox.complete(claim!, {
        _tag: "Failed",
        status: 503,
        error: null,
        at: at(t0 + 10),
        nextAttemptAt: at(t0 + 5_000)
      })
      assert.deepStrictEqual(eventIdsOf(yield* claimAt(t0 + 4_999), tenant.id), [])
      const due = (yield* claimAt(t0 + 5_000)).filter((c) => c.event.tenantId === tenant.id)
      assert.strictEqual(due.length, 1)
      assert.strictEqual(due[0]!.delivery.attempts, 1)
      assert.strictEqual(due[0]!.delivery.lastStatus, 503)
      yield* outbox.release(due)
      assert.strictEqual(eventIdsOf(yield* claimAt(t0 + 5_000), tenant.id).length, 1, "released: due at once")
    })
  )

  it.effect("giving up fails the delivery; 410 disables the webhook, whose other deliveries wait", () =>
    Effect.gen(function* () {
      const outbox = yield* Outbox
      const { tenant, webhook } = yield* tenantWithWebhook
      const t0 = freshInstant()
      yield* appendCommitted(aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0) }))
      yield* appendCommitted(aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0) }))
      const [one, two] = (yield* claimAt(t0)).filter((c) => c.event.tenantId === tenant.id)
      yield* outbox.complete(one!, {
        _tag: "Failed",
        status: 500,
        error: null,
        at: at(t0),
        nextAttemptAt: null
      })
      assert.strictEqual(
        Option.getOrThrow(yield* outbox.findDelivery(tenant.id, webhook.id, one!.delivery.id)).status,
        "failed"
      )
      yield* outbox.release([two!])
      const [gone] = (yield* claimAt(t0)).filter((c) => c.event.tenantId === tenant.id)
      yield* outbox.complete(gone!, {
        _tag: "Failed",
        status: 410,
        error: null,
        at: at(t0),
        nextAttemptAt: null,
        disableWebhook: "gone"
      })
      const stored = Option.getOrThrow(yield* (yield* WebhookRepository).findById(tenant.id, webhook.id))
      assert.isFalse(stored.enabled)
      assert.strictEqual(stored.disabledReason, "gone")
      yield* appendCommitted(aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0) }))
      assert.deepStrictEqual(eventIdsOf(yield* claimAt(t0), tenant.id), [], "a disabled webhook gets nothing")
    })
  )

  it.effect(
    "deliveries list newest first in pages; a retry makes a failed one due; deleting the webhook drops them",
    () =>
      Effect.gen(function* () {
        const outbox = yield* Outbox
        const { tenant, webhook } = yield* tenantWithWebhook
        const t0 = freshInstant()
        const events = Array.from({ length: 5 }, () =>
          aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0) })
        )
        for (const event of events) yield* appendCommitted(event)
        const first = yield* outbox.deliveries(tenant.id, webhook.id, { limit: 3 })
        assert.strictEqual(first.total, 5)
        assert.isNotNull(first.nextCursor)
        const second = yield* outbox.deliveries(tenant.id, webhook.id, {
          limit: 3,
          cursor: first.nextCursor!
        })
        assert.deepStrictEqual(
          [...first.items, ...second.items].map((d) => d.eventId),
          events.map((e) => e.id).reverse()
        )
        assert.strictEqual((yield* outbox.deliveries(tenant.id, webhook.id, { limit: 10 })).items.length, 5)
        const { tenant: other } = yield* freshTenant()
        assert.strictEqual((yield* outbox.deliveries(other.id, webhook.id, { limit: 10 })).total, 0)
        const claims = (yield* claimAt(t0)).filter((c) => c.event.tenantId === tenant.id)
        for (const claim of claims)
          yield* outbox.complete(claim, {
            _tag: "Failed",
            status: 500,
            error: null,
            at: at(t0),
            nextAttemptAt: null
          })
        yield* outbox.retry(tenant.id, claims[0]!.delivery.id, at(t0 + 1))
        assert.deepStrictEqual(eventIdsOf(yield* claimAt(t0 + 1), tenant.id), [claims[0]!.event.id])
        yield* (yield* WebhookRepository).delete(tenant.id, webhook.id)
        assert.strictEqual((yield* outbox.deliveries(tenant.id, webhook.id, { limit: 10 })).total, 0)
      })
  )

  it.effect("the feed lists a tenant's events in order, by type, resuming after a cursor", () =>
    Effect.gen(function* () {
      const outbox = yield* Outbox
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const t0 = freshInstant()
      const events = Array.from({ length: 6 }, (_, i) =>
        aChangeEvent({
          tenantId: tenant.id,
          occurredAt: at(t0),
          type: i % 2 === 0 ? "user.updated" : "group.created"
        })
      )
      for (const [i, event] of events.entries()) {
        yield* appendCommitted(event)
        if (i === 2) yield* appendCommitted(aChangeEvent({ tenantId: other.id, occurredAt: at(t0) }))
      }
      const page1 = yield* outbox.events(tenant.id, { limit: 4 })
      const page2 = yield* outbox.events(tenant.id, { limit: 4, after: page1.nextCursor })
      assert.deepStrictEqual(
        [...page1.items, ...page2.items].map((e) => e.id),
        events.map((e) => e.id)
      )
      assert.deepStrictEqual(page1.items[0], events[0])
      const empty = yield* outbox.events(tenant.id, { limit: 4, after: page2.nextCursor })
      assert.deepStrictEqual(empty.items, [])
      const later = aChangeEvent({ tenantId: tenant.id, occurredAt: at(t0) })
      yield* appendCommitted(later)
      const resumed = yield* outbox.events(tenant.id, { limit: 4, after: empty.nextCursor })
      assert.deepStrictEqual(
        resumed.items.map((e) => e.id),
        [later.id]
      )
      const users = yield* outbox.events(tenant.id, { limit: 10, types: ["user.updated"] })
      assert.deepStrictEqual(
        users.items.map((e) => e.id),
        [events[0]!.id, events[2]!.id, events[4]!.id, later.id]
      )
    })
  )

  it.effect("an expiry is due once passed, and of concurrent recorders exactly one records it", () =>
    Effect.gen(function* () {
      const expiries = yield* MembershipExpiries
      const { tenant } = yield* freshTenant()
      const user = yield* (yield* UserRepository).insert(aUser({ tenantId: tenant.id }))
      const organization = yield* (yield* OrganizationRepository).insert(
        anOrganization({ tenantId: tenant.id })
      )
      const t0 = freshInstant()
      const membership = yield* (yield* MembershipRepository).insert(
        aMembership({
          tenantId: tenant.id,
          organizationId: organization.id,
          userId: user.id,
          expiresAt: at(t0)
        })
      )
      const mine = (due: ReadonlyArray<{ readonly userId: string }>) =>
        due.filter((m) => m.userId === user.id)
      assert.deepStrictEqual(mine(yield* expiries.due(at(t0 - 1), 1000)), [])
      assert.strictEqual(mine(yield* expiries.due(at(t0), 100_000)).length, 1)
      const transactor = yield* Transactor
      const { successes } = yield* race(10, () => transactor.withTransaction(expiries.record(membership)))
      assert.strictEqual(successes.filter((first) => first).length, 1)
      assert.deepStrictEqual(mine(yield* expiries.due(at(t0 + 1), 100_000)), [])
    })
  )
}

/** Builds `implementation` once and runs the Outbox contract on it. */
export const outboxContract = (name: string, implementation: Layer.Layer<OutboxServices, unknown>): void =>
  layer(implementation, { excludeTestServices: true })(`Outbox contract (${name})`, outboxTests)
