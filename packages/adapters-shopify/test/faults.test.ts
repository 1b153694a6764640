import { assert, describe, it } from "@effect/vitest"
import { inviteToEshop, resendEshopInvite, ShopifyCustomers } from "@gatehouse/domain"
import { FakeShopifyServer } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import { calls, connectionTo, type Portal, portal, provideAll, testClientOptions } from "./support.ts"

const ACME_TAGS = ["pims-customer:C100", "pims-name:Acme Inc.", "price-code:P1"]
const invite = (p: Portal) => inviteToEshop(p.adminActor, p.organization.id, p.member.id)

/** Milliseconds between the fake's first and second request. */
const gap = (fake: { requests: () => ReadonlyArray<{ at: number }> }): number => {
  const [first, second] = fake.requests()
  return (second?.at ?? 0) - (first?.at ?? 0)
}

describe("the retry policy against injected faults", () => {
  it.live("THROTTLED then success: waits (requested - available) / restoreRate before trying again", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      fake.seedCustomer({ email: "a@example.com" })
      // A lookup costs 1 point; nothing available, 10 points a second: 100 ms.
      fake.faults.throttle(1, { restoreRate: 10 })
      const found = yield* (yield* ShopifyCustomers).findByEmail(connectionTo(fake), "a@example.com")
      assert.isTrue(Option.isSome(found))
      assert.deepStrictEqual(
        fake.requests().map((r) => r.outcome),
        ["throttled", "ok"]
      )
      assert.isAtLeast(gap(fake), 95)
    }).pipe(provideAll())
  )

  it.live("the fake's own leaky bucket throttles a burst; the client waits for the points and goes on", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      const shopify = yield* ShopifyCustomers
      const connection = connectionTo(fake)
      // Slow enough that scheduling delays on a loaded machine cannot refill the bucket between the two calls.
      fake.setBucket(15, 5)
      const customer = fake.seedCustomer({ email: "b@example.com" })
      yield* shopify.addTags(connection, customer.id, ["one"])
      yield* shopify.addTags(connection, customer.id, ["two"])
      assert.deepStrictEqual(
        fake.requests().map((r) => r.outcome),
        ["ok", "throttled", "ok"]
      )
      assert.deepStrictEqual(fake.customer(customer.id)?.tags, ["one", "two"])
    }).pipe(provideAll())
  )

  it.live("429 with Retry-After: waits that long, then succeeds", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      fake.faults.tooManyRequests(1, 0.25)
      const accounts = yield* (yield* ShopifyCustomers).customerAccounts(connectionTo(fake))
      assert.strictEqual(accounts.version, "CLASSIC")
      assert.deepStrictEqual(
        fake.requests().map((r) => r.outcome),
        [429, "ok"]
      )
      assert.isAtLeast(gap(fake), 245)
    }).pipe(provideAll())
  )

  it.live("a Retry-After longer than the client accepts ends the retries at once", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      fake.faults.tooManyRequests(1, 60)
      const error = yield* Effect.flip((yield* ShopifyCustomers).customerAccounts(connectionTo(fake)))
      assert.strictEqual(error._tag, "ShopifyUnavailable")
      assert.lengthOf(fake.requests(), 1)
    }).pipe(provideAll())
  )

  it.live("503 twice then success", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      const customer = fake.seedCustomer({ email: "c@example.com" })
      fake.faults.status(503, 2)
      const tagged = yield* (yield* ShopifyCustomers).addTags(connectionTo(fake), customer.id, ["x"])
      assert.deepStrictEqual(tagged.tags, ["x"])
      assert.deepStrictEqual(
        fake.requests().map((r) => r.outcome),
        [503, 503, "ok"]
      )
    }).pipe(provideAll())
  )

  it.live("502/504 without end: five tries, then ShopifyUnavailable", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      fake.faults.status(502, 3)
      fake.faults.status(504, 10)
      const error = yield* Effect.flip(
        (yield* ShopifyCustomers).findByEmail(connectionTo(fake), "d@example.com")
      )
      assert.deepStrictEqual(
        error._tag === "ShopifyUnavailable"
          ? { reason: error.reason, mayHaveApplied: error.mayHaveApplied }
          : error,
        { reason: "HTTP 504", mayHaveApplied: false }
      )
      assert.lengthOf(fake.requests(), 5)
    }).pipe(provideAll())
  )

  it.live("an answer slower than the timeout counts as lost and is retried", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      fake.faults.latency(400)
      const error = yield* Effect.flip(
        (yield* ShopifyCustomers).findByEmail(connectionTo(fake), "e@example.com")
      )
      assert.strictEqual(error._tag, "ShopifyUnavailable")
      assert.strictEqual(
        error._tag === "ShopifyUnavailable" ? error.reason : "",
        "Shopify did not answer in time"
      )
    }).pipe(provideAll({}, { ...testClientOptions, timeout: "100 millis", maxTries: 2 }))
  )
})

describe("lost answers during an invite", () => {
  it.live(
    "a dropped connection during tagsAdd: the tags end up exactly right and one invite email goes out",
    () =>
      Effect.gen(function* () {
        const p = yield* portal()
        const customer = p.fake.seedCustomer({ email: "pat@example.com", tags: ["newsletter"] })
        p.fake.faults.drop("tagsAdd")
        const invited = yield* invite(p)
        assert.strictEqual(invited.status, "invited")
        assert.deepStrictEqual(p.fake.customer(customer.id)?.tags, ["newsletter", ...ACME_TAGS])
        assert.lengthOf(p.fake.outbox(), 1)
        assert.deepStrictEqual(
          p.fake
            .requests()
            .filter((r) => r.fields.includes("tagsAdd"))
            .map((r) => r.outcome),
          ["dropped", "ok"]
        )
      }).pipe(provideAll())
  )

  it.live("a dropped connection during customerCreate: looked up again, one customer with its tags", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      p.fake.faults.drop("customerCreate")
      const invited = yield* invite(p)
      assert.strictEqual(invited.status, "invited")
      assert.lengthOf(p.fake.customers(), 1)
      assert.deepStrictEqual(p.fake.customers()[0]?.tags, ACME_TAGS)
      assert.lengthOf(p.fake.outbox(), 1)
      assert.deepStrictEqual(
        calls(p.fake).filter((f) => f === "customerCreate"),
        ["customerCreate"]
      )
    }).pipe(provideAll())
  )

  it.live("a dropped connection after the invite email went out: not sent again (the state tells)", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      p.fake.faults.drop("customerSendAccountInviteEmail", { when: "after" })
      const invited = yield* invite(p)
      assert.strictEqual(invited.status, "invited")
      assert.lengthOf(p.fake.outbox(), 1)
      assert.lengthOf(
        calls(p.fake).filter((f) => f === "customerSendAccountInviteEmail"),
        1
      )
    }).pipe(provideAll())
  )

  it.live(
    "a dropped connection before the invite email ran: the state shows it did not, so it is sent once",
    () =>
      Effect.gen(function* () {
        const p = yield* portal()
        p.fake.faults.drop("customerSendAccountInviteEmail", { when: "before" })
        yield* invite(p)
        assert.lengthOf(p.fake.outbox(), 1)
        assert.lengthOf(
          calls(p.fake).filter((f) => f === "customerSendAccountInviteEmail"),
          2
        )
      }).pipe(provideAll())
  )

  it.live(
    "a lost answer to a resend cannot be told apart: ShopifyUnavailable, never a blind second email",
    () =>
      Effect.gen(function* () {
        const p = yield* portal()
        yield* invite(p)
        p.fake.faults.drop("customerSendAccountInviteEmail")
        const error = yield* Effect.flip(resendEshopInvite(p.adminActor, p.organization.id, p.member.id))
        assert.deepStrictEqual(
          error._tag === "ShopifyUnavailable"
            ? { tag: error._tag, mayHaveApplied: error.mayHaveApplied }
            : error,
          { tag: "ShopifyUnavailable", mayHaveApplied: true }
        )
        assert.lengthOf(p.fake.outbox(), 2)
        assert.lengthOf(
          calls(p.fake).filter((f) => f === "customerSendAccountInviteEmail"),
          2
        )
      }).pipe(provideAll())
  )

  it.live("throttling of the invite email is retried: Shopify did not run it", () =>
    Effect.gen(function* () {
      const p = yield* portal()
      p.fake.faults.throttle(2, { fields: ["customerSendAccountInviteEmail"], restoreRate: 1000 })
      yield* invite(p)
      assert.lengthOf(p.fake.outbox(), 1)
      assert.deepStrictEqual(
        p.fake
          .requests()
          .filter((r) => r.fields.includes("customerSendAccountInviteEmail"))
          .map((r) => r.outcome),
        ["throttled", "throttled", "ok"]
      )
    }).pipe(provideAll())
  )
})
