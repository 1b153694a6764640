import { assert, describe, it } from "@effect/vitest"
import { handleShopifyWebhook, verifyShopifyHmac, type WebhookDelivery } from "@gatehouse/adapters-shopify"
import { type AuditEvent, inviteToEshop, putShopifySettings } from "@gatehouse/domain"
import { MemoryStore } from "@gatehouse/testkit"
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

const delivery = (p: Portal, body: string, headers: Record<string, string>): WebhookDelivery => ({
  tenantId: p.tenant.id,
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
  (s): ReadonlyArray<AuditEvent> => s.audit.filter((e) => e.action === "eshop.customer_changed")
)

describe("verifyShopifyHmac", () => {
  it("RFC 4231 test case 2 (HMAC-SHA256), base64; any other value or a truncated one fails", () => {
    const body = new TextEncoder().encode("what do ya want for nothing?")
    const mac = Buffer.from("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "hex")
    const signature = mac.toString("base64")
    assert.isTrue(verifyShopifyHmac(body, signature, [Redacted.make("Jefe")]))
    assert.isTrue(verifyShopifyHmac(body, signature, [Redacted.make("other"), Redacted.make("Jefe")]))
    assert.isFalse(verifyShopifyHmac(body, signature, [Redacted.make("jefe")]))
    assert.isFalse(verifyShopifyHmac(body, mac.subarray(0, 31).toString("base64"), [Redacted.make("Jefe")]))
    assert.isFalse(verifyShopifyHmac(body, "", [Redacted.make("Jefe")]))
    const flipped = Buffer.from(mac)
    flipped[0] = (flipped[0] ?? 0) ^ 1
    assert.isFalse(verifyShopifyHmac(body, flipped.toString("base64"), [Redacted.make("Jefe")]))
  })
})

describe("handleShopifyWebhook", () => {
  it.live("a signed customers/enable re-reads the customer and records the member's new status", () =>
    Effect.gen(function* () {
      const p = yield* portal({}, { webhookSecret: SECRET })
      yield* inviteToEshop(p.adminActor, p.organization.id, p.member.id)
      p.fake.setState(p.fake.customerByEmail(p.member.email)!.id, "ENABLED")
      const result = yield* handleShopifyWebhook(yield* enableDelivery(p, "w-1"))
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
        const refused = yield* Effect.flip(handleShopifyWebhook(forged))
        assert.deepStrictEqual(
          refused._tag === "WebhookRejected" ? refused.reason : refused._tag,
          "BadSignature"
        )
        const unsigned = yield* Effect.flip(
          handleShopifyWebhook({
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
        assert.strictEqual((yield* Effect.flip(handleShopifyWebhook(tampered)))._tag, "WebhookRejected")
        assert.lengthOf(yield* webhookEvents, 0)
        assert.strictEqual(p.fake.requests().length, requestsBefore)

        const accepted = yield* handleShopifyWebhook(signed)
        assert.strictEqual(accepted._tag, "Processed")
      }).pipe(provideAll())
  )

  it.live("a replayed webhook id is ignored", () =>
    Effect.gen(function* () {
      const p = yield* portal({}, { webhookSecret: SECRET })
      yield* inviteToEshop(p.adminActor, p.organization.id, p.member.id)
      const signed = yield* enableDelivery(p, "w-3")
      assert.strictEqual((yield* handleShopifyWebhook(signed))._tag, "Processed")
      const requests = p.fake.requests().length
      assert.strictEqual((yield* handleShopifyWebhook(signed))._tag, "Duplicate")
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
      assert.strictEqual((yield* Effect.flip(handleShopifyWebhook(signed)))._tag, "ShopifyUnavailable")
      p.fake.faults.clear()
      assert.strictEqual((yield* handleShopifyWebhook(signed))._tag, "Processed")
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
        const added = yield* handleShopifyWebhook(
          delivery(p, body, { ...headers, "x-shopify-topic": "customer.tags_added" })
        )
        assert.strictEqual(added._tag, "Processed")
        const [event] = yield* webhookEvents
        assert.strictEqual(event?.details.conflict, true)
        const ignored = yield* handleShopifyWebhook(
          delivery(p, body, { ...headers, "x-shopify-topic": "orders/create", "x-shopify-webhook-id": "w-6" })
        )
        assert.deepStrictEqual(ignored, { _tag: "Ignored", topic: "orders/create" })
        const elsewhere = yield* Effect.flip(
          handleShopifyWebhook(
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
      assert.strictEqual((yield* handleShopifyWebhook(yield* enableDelivery(p, "r-1")))._tag, "Processed")
      assert.strictEqual(
        (yield* handleShopifyWebhook(yield* enableDelivery(p, "r-2", "whsec_next_9876543210")))._tag,
        "Processed"
      )
      yield* TestClock.adjust("61 minutes")
      const late = yield* Effect.flip(handleShopifyWebhook(yield* enableDelivery(p, "r-3")))
      assert.strictEqual(late._tag, "WebhookRejected")
      assert.strictEqual(
        (yield* handleShopifyWebhook(yield* enableDelivery(p, "r-4", "whsec_next_9876543210")))._tag,
        "Processed"
      )
    }).pipe(provideAll())
  )
})
