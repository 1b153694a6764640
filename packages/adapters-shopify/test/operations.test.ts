import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { assert, describe, it } from "@effect/vitest"
import * as Outbound from "@gatehouse/adapters-outbound"
import { ShopifyCustomers } from "@gatehouse/domain"
import { FakeShopifyServer } from "@gatehouse/testkit"
import { Effect, Option, Redacted } from "effect"
import { connectionTo, provideAll, testClientOptions } from "./support.ts"

describe("ShopifyCustomers on the fake Admin API", () => {
  it.live("finds a customer by exact email only, in any casing", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      const shopify = yield* ShopifyCustomers
      const connection = connectionTo(fake)
      fake.seedCustomer({ email: "bob@example.com.au" })
      fake.seedCustomer({ email: "example@bob.com" })
      assert.isTrue(Option.isNone(yield* shopify.findByEmail(connection, "bob@example.com")))
      const bob = fake.seedCustomer({ email: "bob@example.com", tags: ["x"] })
      const found = yield* shopify.findByEmail(connection, "BOB@Example.com")
      assert.deepStrictEqual(
        Option.map(found, (c) => c.id),
        Option.some(bob.id)
      )
      assert.deepStrictEqual(
        Option.map(found, (c) => ({ email: c.email, state: c.state, tags: c.tags })),
        Option.some({ email: "bob@example.com", state: "DISABLED" as const, tags: ["x"] })
      )
    }).pipe(provideAll())
  )

  it.live(
    "the fake's customers(query:) search is tokenized and lags, which is why the adapter never uses it",
    () =>
      Effect.gen(function* () {
        const fake = yield* FakeShopifyServer
        fake.setSearchLag(60_000)
        fake.seedCustomer({ email: "example@bob.com" })
        const search = (query: string) =>
          Effect.promise(() =>
            fetch(fake.endpoint(), {
              method: "POST",
              headers: { "content-type": "application/json", "x-shopify-access-token": fake.accessToken },
              body: JSON.stringify({
                query: "query($q: String) { customers(first: 10, query: $q) { nodes { id } } }",
                variables: { q: query }
              })
            }).then((r) => r.json() as Promise<{ data: { customers: { nodes: Array<unknown> } } }>)
          )
        assert.lengthOf((yield* search("email:bob@example.com")).data.customers.nodes, 0, "not indexed yet")
        fake.setSearchLag(0)
        assert.lengthOf(
          (yield* search("email:bob@example.com")).data.customers.nodes,
          1,
          "tokens match another address"
        )
        assert.lengthOf((yield* search('email:"bob@example.com"')).data.customers.nodes, 0)
      }).pipe(provideAll())
  )

  it.live(
    "creates a DISABLED customer with normalised tags; a taken email returns the existing one untouched",
    () =>
      Effect.gen(function* () {
        const fake = yield* FakeShopifyServer
        const shopify = yield* ShopifyCustomers
        const connection = connectionTo(fake)
        const made = yield* shopify.create(connection, {
          email: "ann@example.com",
          firstName: "Ann",
          lastName: "Lee",
          tags: ["b, a", " A ", "c"]
        })
        assert.isTrue(made.created)
        assert.strictEqual(made.customer.state, "DISABLED")
        assert.deepStrictEqual(made.customer.tags, ["a", "b", "c"])
        const again = yield* shopify.create(connection, {
          email: "ANN@example.com",
          firstName: "Ann",
          lastName: "Lee",
          tags: ["other"]
        })
        assert.isFalse(again.created)
        assert.strictEqual(again.customer.id, made.customer.id)
        assert.deepStrictEqual(again.customer.tags, ["a", "b", "c"])
        assert.lengthOf(fake.customers(), 1)
      }).pipe(provideAll())
  )

  it.live("tags: added once whatever the casing, removed case-insensitively; an unknown id is rejected", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      const shopify = yield* ShopifyCustomers
      const connection = connectionTo(fake)
      const customer = fake.seedCustomer({ email: "c@example.com", tags: ["Red", "vip"] })
      const added = yield* shopify.addTags(connection, customer.id, ["red", "Blue", "VIP"])
      assert.deepStrictEqual(added.tags, ["Blue", "Red", "vip"])
      const removed = yield* shopify.removeTags(connection, customer.id, ["RED", "blue"])
      assert.deepStrictEqual(removed.tags, ["vip"])
      const missing = yield* Effect.flip(shopify.addTags(connection, "gid://shopify/Customer/1", ["x"]))
      assert.strictEqual(missing._tag, "ShopifyRejected")
      assert.deepStrictEqual(missing._tag === "ShopifyRejected" ? missing.messages : [], [
        "Customer does not exist"
      ])
    }).pipe(provideAll())
  )

  it.live(
    "Shopify's limits: 250 tags per customer and 255 characters per tag are refused as user errors",
    () =>
      Effect.gen(function* () {
        const fake = yield* FakeShopifyServer
        const shopify = yield* ShopifyCustomers
        const connection = connectionTo(fake)
        const tags = Array.from({ length: 249 }, (_, i) => `t${String(i).padStart(3, "0")}`)
        const customer = fake.seedCustomer({ email: "d@example.com", tags })
        const full = yield* shopify.addTags(connection, customer.id, ["last"])
        assert.lengthOf(full.tags, 250)
        const over = yield* Effect.flip(shopify.addTags(connection, customer.id, ["one-too-many"]))
        assert.deepStrictEqual(over._tag === "ShopifyRejected" ? over.messages : [], [
          "Tags cannot be more than 250"
        ])
        assert.lengthOf(fake.customer(customer.id)?.tags ?? [], 250)
        const other = fake.seedCustomer({ email: "e@example.com" })
        const long = yield* Effect.flip(shopify.addTags(connection, other.id, ["x".repeat(256)]))
        assert.strictEqual(long._tag, "ShopifyRejected")
        const exact = yield* shopify.addTags(connection, other.id, ["y".repeat(255)])
        assert.deepStrictEqual(exact.tags, ["y".repeat(255)])
      }).pipe(provideAll())
  )

  it.live("classic accounts: activation URL (a new one invalidates the old), invite email sets INVITED", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      const shopify = yield* ShopifyCustomers
      const connection = connectionTo(fake)
      assert.deepStrictEqual(yield* shopify.customerAccounts(connection), {
        version: "CLASSIC",
        url: `https://${fake.shopDomain}/account`
      })
      const customer = fake.seedCustomer({ email: "f@example.com" })
      const first = Redacted.value(yield* shopify.activationUrl(connection, customer.id))
      const second = Redacted.value(yield* shopify.activationUrl(connection, customer.id))
      assert.notStrictEqual(first, second)
      assert.isFalse(fake.activationUrlWorks(first))
      assert.isTrue(fake.activationUrlWorks(second))
      const invited = yield* shopify.sendInvite(connection, { ...customer, tags: [], email: customer.email })
      assert.strictEqual(invited.state, "INVITED")
      assert.deepStrictEqual(
        fake.outbox().map((m) => ({ to: m.to, url: m.activationUrl })),
        [{ to: "f@example.com", url: second }]
      )
      fake.setState(customer.id, "ENABLED")
      const enabled = yield* Effect.flip(shopify.activationUrl(connection, customer.id))
      assert.strictEqual(enabled._tag, "ShopifyRejected")
    }).pipe(provideAll())
  )

  it.live("new customer accounts: the shop says so, and invites or activation URLs are refused", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      const shopify = yield* ShopifyCustomers
      const connection = connectionTo(fake)
      const accounts = yield* shopify.customerAccounts(connection)
      assert.deepStrictEqual(accounts, {
        version: "NEW_CUSTOMER_ACCOUNTS",
        url: "https://shopify.com/1/account"
      })
      const customer = fake.seedCustomer({ email: "g@example.com" })
      const invite = yield* Effect.flip(
        shopify.sendInvite(connection, {
          id: customer.id,
          email: customer.email,
          state: "DISABLED",
          tags: []
        })
      )
      assert.strictEqual(invite._tag, "ShopifyRejected")
      assert.strictEqual(
        (yield* Effect.flip(shopify.activationUrl(connection, customer.id)))._tag,
        "ShopifyRejected"
      )
      assert.lengthOf(fake.outbox(), 0)
    }).pipe(provideAll({ customerAccounts: "NEW_CUSTOMER_ACCOUNTS" }))
  )

  it.live("a wrong token is Unauthorized; an endpoint override is refused unless the layer allows it", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      const shopify = yield* ShopifyCustomers
      const denied = yield* Effect.flip(
        shopify.findByEmail(connectionTo(fake, "shpat_wrong"), "a@example.com")
      )
      assert.deepStrictEqual(
        denied._tag === "ShopifyRejected" ? { reason: denied.reason, messages: denied.messages } : undefined,
        {
          reason: "Unauthorized",
          messages: ["[API] Invalid API key or access token (unrecognized login or wrong password)"]
        }
      )
    }).pipe(provideAll())
  )

  it.live("an endpoint the outbound rule refuses never receives the token (127.0.0.1 not allowed)", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      const refused = yield* Effect.flip(
        (yield* ShopifyCustomers).findByEmail(connectionTo(fake), "a@example.com")
      )
      assert.deepStrictEqual(
        refused._tag === "OutboundUrlRefused" ? { reason: refused.reason, host: refused.host } : refused._tag,
        { reason: "scheme", host: "127.0.0.1" }
      )
      assert.lengthOf(fake.requests(), 0)
    }).pipe(provideAll({}, testClientOptions, Outbound.layer()))
  )

  it.live("an endpoint answering with a redirect is refused, and the redirect is not followed", () =>
    Effect.gen(function* () {
      const fake = yield* FakeShopifyServer
      const redirecting = yield* Effect.acquireRelease(
        Effect.promise(async () => {
          const server = createServer((_, response) => {
            response.writeHead(307, { location: fake.endpoint() })
            response.end()
          })
          await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
          return server
        }),
        (server) => Effect.promise(() => new Promise<void>((resolve) => server.close(() => resolve())))
      )
      const endpoint = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/admin/api/2026-07/graphql.json`
      const refused = yield* Effect.flip(
        (yield* ShopifyCustomers).findByEmail({ ...connectionTo(fake), endpoint }, "a@example.com")
      )
      assert.strictEqual(refused._tag === "OutboundUrlRefused" ? refused.reason : refused._tag, "redirect")
      assert.lengthOf(fake.requests(), 0)
    }).pipe(provideAll())
  )
})
