import { assert, describe, it } from "@effect/vitest"
import { layerWebhookSignature } from "@gatehouse/adapters-shopify"
import {
  type AuditEvent,
  inviteToEshop,
  putShopifySettings,
  receiveShopifyWebhook,
  type ShopifyWebhookDelivery,
  ShopifyWebhookSignature
} from "@gatehouse/domain"
import { MemoryStore, memory, shopifyWebhookSignatureContract } from "@gatehouse/testkit"
import { Effect, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { type Portal, portal, provideAll } from "./support.ts"

const SECRET = "whsec_current_0123456789"

/** Base64 HMAC-SHA256 by Web Crypto: independent of the adapter's node:crypto implementation. */
const sign = (secret: string, body: string) =>
  Effect.promise(async () => {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"]
    )
    const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body))
    return Buffer.from(mac).toString("base64")
  })

const delivery = (p: Portal, body: string, headers: Record<string, string>): ShopifyWebhookDelivery => ({
  tenantSlug: p.tenant.slug,
  rawBody: new TextEncoder().encode(body),
  headers: { "x-shopify-shop-domain": p.fake.shopDomain, ...headers }
})

/** A signed customers/enable delivery for the member's customer. */
const enableDelivery = (p: Portal, webhookId: string, secret = SECRET) =>
  Effect.gen(function* () {
    const customer = p.fake.customerByEmail(p.member.email)!
    const body = JSON.stringify({ id: Number(customer.id.split("/").pop()), state: "enabled" })
    return delivery(p, body, {
      "x-shopify-topic": "customers/enable",
      "x-shopify-webhook-id": webhookId,
      "x-shopify-hmac-sha256": yield* sign(secret, body)
    })
  })

const webhookEvents = Effect.map(
  Effect.flatMap(MemoryStore, (store) => store.snapshot),
  (s): ReadonlyArray<AuditEvent> =>
    s.get(memory.tables.Audit).filter((e) => e.action === "eshop.customer_changed")
)

shopifyWebhookSignatureContract(
  "node:crypto",
  Effect.runSync(
    Effect.provide(
      Effect.gen(function* () {
        return yield* ShopifyWebhookSignature
      }),
      layerWebhookSignature
    )
  )
)

describe("receiveShopifyWebhook (the domain's use case on this adapter)", () => {
  it.live("a signed customers/enable re-reads the customer and records the member's new status", () =>
    Effect.gen(function* () {
      const p = yield* portal({}, { webhookSecret: SECRET })
      yield* inviteToEshop(p.adminActor, p.organization.id, p.member.id)
      p.fake.setState(p.fake.customerByEmail(p.member.email)!.id, "ENABLED")
      const result = yield* receiveShopifyWebhook(yield* enableDelivery(p, "w-1"))
      assert.deepStrictEqual(result._tag === "Processed" ? result.outcome.organizations : result, [
        { organizationId: p.organization.id, status: "active" as const }
      ])
      const [event] = yield* webhookEvents
      assert.deepStrictEqual(
        {
          actorKind: event?.actorKind,
          actorId: event?.actorId,
          topic: event?.details.topic,
          state: event?.details.state
        },
        { actorKind: "system", actorId: null, topic: "customers/enable", state: "ENABLED" }
      )
    }).pipe(provideAll())
  )

  it.live(
    "a bad signature is refused and changes nothing; the same id then signed properly is processed",
    () =>
      Effect.gen(function* () {
        const p = yield* portal({}, { webhookSecret: SECRET })
        yield* inviteToEshop(p.adminActor, p.organization.id, p.member.id)
        const requestsBefore = p.fake.requests().length
        const forged = yield* enableDelivery(p, "w-2", "not-the-secret")
        const refused = yield* Effect.flip(receiveShopifyWebhook(forged))
        assert.deepStrictEqual(
          refused._tag === "WebhookRejected" ? refused.reason : refused._tag,
          "BadSignature"
        )
        const unsigned = yield* Effect.flip(
          receiveShopifyWebhook({
            ...forged,
            headers: { ...forged.headers, "x-shopify-hmac-sha256": undefined }
          })
        )
        assert.strictEqual(unsigned._tag, "WebhookRejected")
        // A body changed after signing does not verify either.
        const signed = yield* enableDelivery(p, "w-2")
        const tampered = {
          ...signed,
          rawBody: new TextEncoder().encode(`${new TextDecoder().decode(signed.rawBody)} `)
        }
        assert.strictEqual((yield* Effect.flip(receiveShopifyWebhook(tampered)))._tag, "WebhookRejected")
        assert.lengthOf(yield* webhookEvents, 0)
        assert.strictEqual(p.fake.requests().length, requestsBefore)

        const accepted = yield* receiveShopifyWebhook(signed)
        assert.strictEqual(accepted._tag, "Processed")
      }).pipe(provideAll())
  )

  it.live("a replayed webhook id is ignored", () =>
    Effect.gen(function* () {
      const p = yield* portal({}, { webhookSecret: SECRET })
      yield* inviteToEshop(p.adminActor, p.organization.id, p.member.id)
      const signed = yield* enableDelivery(p, "w-3")
      assert.strictEqual((yield* receiveShopifyWebhook(signed))._tag, "Processed")
      const requests = p.fake.requests().length
      assert.strictEqual((yield* receiveShopifyWebhook(signed))._tag, "Duplicate")
      assert.lengthOf(yield* webhookEvents, 1)
      assert.strictEqual(p.fake.requests().length, requests)
    }).pipe(provideAll())
  )

  it.live("a failed processing releases the id, so Shopify's retry is processed", () =>
    Effect.gen(function* () {
      const p = yield* portal({}, { webhookSecret: SECRET })
      yield* inviteToEshop(p.adminActor, p.organization.id, p.member.id)
      const signed = yield* enableDelivery(p, "w-4")
      p.fake.faults.status(503, 10)
      assert.strictEqual((yield* Effect.flip(receiveShopifyWebhook(signed)))._tag, "ShopifyUnavailable")
      p.fake.faults.clear()
      assert.strictEqual((yield* receiveShopifyWebhook(signed))._tag, "Processed")
    }).pipe(provideAll())
  )

  it.live(
    "tags topics carry the customer's gid; unknown topics are acknowledged and ignored; another shop is refused",
    () =>
      Effect.gen(function* () {
        const p = yield* portal({}, { webhookSecret: SECRET })
        yield* inviteToEshop(p.adminActor, p.organization.id, p.member.id)
        const customer = p.fake.customerByEmail(p.member.email)!
        p.fake.setTags(customer.id, [...customer.tags, "pims-customer:C999"])
        const body = JSON.stringify({ customerId: customer.id, tags: ["pims-customer:C999"] })
        const headers = { "x-shopify-hmac-sha256": yield* sign(SECRET, body), "x-shopify-webhook-id": "w-5" }
        const added = yield* receiveShopifyWebhook(
          delivery(p, body, { ...headers, "x-shopify-topic": "customer.tags_added" })
        )
        assert.strictEqual(added._tag, "Processed")
        const [event] = yield* webhookEvents
        assert.strictEqual(event?.details.conflict, true)
        const ignored = yield* receiveShopifyWebhook(
          delivery(p, body, { ...headers, "x-shopify-topic": "orders/create", "x-shopify-webhook-id": "w-6" })
        )
        assert.deepStrictEqual(ignored, { _tag: "Ignored", topic: "orders/create" })
        const elsewhere = yield* Effect.flip(
          receiveShopifyWebhook(
            delivery(p, body, {
              ...headers,
              "x-shopify-topic": "customer.tags_added",
              "x-shopify-shop-domain": "someone-else.myshopify.com"
            })
          )
        )
        assert.deepStrictEqual(
          elsewhere._tag === "WebhookRejected" ? elsewhere.reason : elsewhere._tag,
          "ShopMismatch"
        )
      }).pipe(provideAll())
  )

  it.effect("after a rotation the previous secret is accepted for an hour, then refused", () =>
    Effect.gen(function* () {
      const p = yield* portal({}, { webhookSecret: SECRET })
      yield* inviteToEshop(p.adminActor, p.organization.id, p.member.id)
      yield* putShopifySettings(p.adminActor, {
        shopDomain: p.fake.shopDomain,
        endpoint: p.fake.endpoint(),
        webhookSecret: Redacted.make("whsec_next_9876543210")
      })
      assert.strictEqual((yield* receiveShopifyWebhook(yield* enableDelivery(p, "r-1")))._tag, "Processed")
      assert.strictEqual(
        (yield* receiveShopifyWebhook(yield* enableDelivery(p, "r-2", "whsec_next_9876543210")))._tag,
        "Processed"
      )
      yield* TestClock.adjust("61 minutes")
      const late = yield* Effect.flip(receiveShopifyWebhook(yield* enableDelivery(p, "r-3")))
      assert.strictEqual(late._tag, "WebhookRejected")
      assert.strictEqual(
        (yield* receiveShopifyWebhook(yield* enableDelivery(p, "r-4", "whsec_next_9876543210")))._tag,
        "Processed"
      )
    }).pipe(provideAll())
  )
})
