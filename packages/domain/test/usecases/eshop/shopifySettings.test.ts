import { assert, describe, it } from "@effect/vitest"
import {
  defaultTagFormats,
  getShopifySettings,
  putShopifySettings,
  SecretBox,
  ShopifySettingsRepository,
  shopifyAccessTokenAad,
  shopifyWebhookSecretAad
} from "@gatehouse/domain"
import { layerMemory, memory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Layer, Option, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { actorOf, auditTrail, failureTag, role } from "../memberships/support.ts"

const provide = Effect.provide(Layer.fresh(layerMemory))
const TOKEN = "shpat_secret_token_value"
const SECRET = "whsec_first_secret"

const stored = (tenantId: Parameters<ShopifySettingsRepository["Service"]["find"]>[0]) =>
  Effect.map(
    Effect.flatMap(ShopifySettingsRepository, (r) => r.find(tenantId)),
    Option.getOrThrow
  )

describe("Shopify settings", () => {
  it.effect("an unconnected tenant reads the defaults; PUT connects the store; secrets are write-only", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      assert.deepStrictEqual(yield* getShopifySettings(adminActor), {
        connected: false,
        shopDomain: null,
        apiVersion: "2026-07",
        endpoint: null,
        tagFormats: defaultTagFormats,
        accessTokenSet: false,
        webhookSecretSet: false
      })
      const view = yield* putShopifySettings(adminActor, {
        shopDomain: "  Acme-Store.MyShopify.com ",
        accessToken: Redacted.make(TOKEN),
        webhookSecret: Redacted.make(SECRET),
        tagFormats: { priceCode: "pl:{value}" }
      })
      assert.deepStrictEqual(view, yield* getShopifySettings(adminActor))
      assert.deepStrictEqual(view, {
        connected: true,
        shopDomain: "acme-store.myshopify.com",
        apiVersion: "2026-07",
        endpoint: null,
        tagFormats: { ...defaultTagFormats, priceCode: "pl:{value}" },
        accessTokenSet: true,
        webhookSecretSet: true
      })
      const row = yield* stored(tenant.id)
      const box = yield* SecretBox
      assert.strictEqual(
        Redacted.value(yield* box.open(row.sealedAccessToken, shopifyAccessTokenAad(tenant.id))),
        TOKEN
      )
      assert.strictEqual(
        Redacted.value(yield* box.open(row.sealedWebhookSecret!, shopifyWebhookSecretAad(tenant.id))),
        SECRET
      )
      const everything = JSON.stringify({ view, audit: yield* auditTrail, row })
      assert.notInclude(everything, TOKEN)
      assert.notInclude(everything, SECRET)
      assert.deepStrictEqual(
        (yield* auditTrail).map((e) => [e.action, e.details.accessToken, e.details.webhookSecret]),
        [["eshop.settings_updated", "set", "set"]]
      )
    }).pipe(provide)
  )

  it.effect("a sealed token is bound to its tenant: copied to another tenant's row it does not open", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const { tenant: other } = yield* seedTenant()
      yield* putShopifySettings(adminActor, {
        shopDomain: "a.myshopify.com",
        accessToken: Redacted.make(TOKEN)
      })
      const row = yield* stored(tenant.id)
      const error = yield* Effect.flip(
        (yield* SecretBox).open(row.sealedAccessToken, shopifyAccessTokenAad(other.id))
      )
      assert.strictEqual(error.reason, "Unauthentic")
    }).pipe(provide)
  )

  it.effect(
    "the token is kept when absent, required for a new store; a new webhook secret keeps the old one",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const missing = yield* Effect.flip(putShopifySettings(adminActor, { shopDomain: "a.myshopify.com" }))
        assert.deepStrictEqual(
          missing._tag === "InvalidInput" ? missing.errors.map((e) => e.path) : missing,
          ["accessToken"]
        )
        yield* putShopifySettings(adminActor, {
          shopDomain: "a.myshopify.com",
          accessToken: Redacted.make(TOKEN),
          webhookSecret: Redacted.make(SECRET)
        })
        const first = yield* stored(tenant.id)
        yield* TestClock.adjust("5 minutes")
        yield* putShopifySettings(adminActor, {
          shopDomain: "a.myshopify.com",
          webhookSecret: Redacted.make("whsec_second"),
          endpoint: "http://127.0.0.1:9999/admin/api/2026-07/graphql.json"
        })
        const second = yield* stored(tenant.id)
        assert.strictEqual(second.sealedAccessToken, first.sealedAccessToken)
        assert.strictEqual(second.sealedPreviousWebhookSecret, first.sealedWebhookSecret)
        assert.strictEqual(second.webhookSecretRotatedAt?.getTime(), 5 * 60 * 1000)
        assert.strictEqual(second.endpoint, "http://127.0.0.1:9999/admin/api/2026-07/graphql.json")
        const moved = yield* Effect.flip(putShopifySettings(adminActor, { shopDomain: "b.myshopify.com" }))
        assert.strictEqual(moved._tag, "InvalidInput")
        yield* putShopifySettings(adminActor, { shopDomain: "a.myshopify.com", webhookSecret: null })
        const cleared = yield* stored(tenant.id)
        assert.deepStrictEqual(
          [cleared.sealedWebhookSecret, cleared.sealedPreviousWebhookSecret, cleared.endpoint],
          [null, null, null]
        )
      }).pipe(provide)
  )

  it.effect("bad values are InvalidInput with their path; nothing is stored", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const paths = (input: Parameters<typeof putShopifySettings>[1]) =>
        Effect.map(Effect.flip(putShopifySettings(adminActor, input)), (e) =>
          e._tag === "InvalidInput" ? e.errors.map((x) => x.path) : [e._tag]
        )
      const token = Redacted.make(TOKEN)
      assert.deepStrictEqual(yield* paths({ shopDomain: "acme.com", accessToken: token }), ["shopDomain"])
      assert.deepStrictEqual(
        yield* paths({ shopDomain: "a.myshopify.com", accessToken: token, apiVersion: "2026-08" }),
        ["apiVersion"]
      )
      assert.deepStrictEqual(
        yield* paths({ shopDomain: "a.myshopify.com", accessToken: token, endpoint: "ftp://x/graphql.json" }),
        ["endpoint"]
      )
      assert.deepStrictEqual(
        yield* paths({
          shopDomain: "a.myshopify.com",
          accessToken: token,
          tagFormats: { customerName: "a,{value}" }
        }),
        ["tagFormats.customerName"]
      )
      assert.deepStrictEqual(
        yield* paths({
          shopDomain: "a.myshopify.com",
          accessToken: token,
          tagFormats: { customerCode: "{value}" }
        }),
        ["tagFormats.customerCode"]
      )
      assert.deepStrictEqual(
        yield* paths({ shopDomain: "a.myshopify.com", accessToken: Redacted.make("") }),
        ["accessToken"]
      )
      assert.isTrue(Option.isNone(yield* (yield* ShopifySettingsRepository).find(tenant.id)))
      assert.lengthOf(yield* auditTrail, 0)
    }).pipe(provide)
  )

  it.effect("settings:manage is required to read or write them", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const staff = actorOf(yield* seedUser(tenant, { role: role("Regular") }))
      assert.strictEqual(yield* failureTag(getShopifySettings(staff)), "Forbidden")
      assert.strictEqual(
        yield* failureTag(
          putShopifySettings(staff, { shopDomain: "a.myshopify.com", accessToken: Redacted.make(TOKEN) })
        ),
        "Forbidden"
      )
    }).pipe(provide)
  )

  it.effect(
    "an endpoint the outbound port refuses is refused with its field named, and nothing is stored",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const error = yield* Effect.flip(
          putShopifySettings(adminActor, {
            shopDomain: "acme-store.myshopify.com",
            accessToken: Redacted.make(TOKEN),
            endpoint: "https://internal.example/graphql.json"
          })
        )
        assert.deepStrictEqual<unknown>(error._tag === "OutboundUrlRefused" ? { ...error } : error._tag, {
          _tag: "OutboundUrlRefused",
          reason: "address",
          host: "internal.example",
          address: "10.0.0.1",
          path: "endpoint"
        })
        assert.isTrue(Option.isNone(yield* (yield* ShopifySettingsRepository).find(tenant.id)))
      }).pipe(
        Effect.provide(
          Layer.mergeAll(
            Layer.fresh(layerMemory),
            memory.OutboundCalls.layerFake({ refusedHosts: ["internal.example"] })
          )
        )
      )
  )
})
