import { assert, layer } from "@effect/vitest"
import { type ShopifySettings, ShopifySettingsRepository, type TenantId } from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { freshTenant, type Repositories, race } from "./support.ts"

/** A settings row of a tenant with sealed-looking secrets (the store keeps whatever sealed text it is given). */
const someSettings = (tenantId: TenantId, overrides: Partial<ShopifySettings> = {}): ShopifySettings => ({
  tenantId,
  shopDomain: "acme.myshopify.com",
  sealedAccessToken: `v1.${globalThis.crypto.randomUUID()}`,
  apiVersion: "2026-07",
  endpoint: null,
  sealedWebhookSecret: null,
  sealedPreviousWebhookSecret: null,
  webhookSecretRotatedAt: null,
  tagFormats: {
    customerCode: "pims-customer:{value}",
    customerName: "pims-name:{value}",
    priceCode: "price-code:{value}"
  },
  updatedAt: new Date("2026-03-01T10:00:00.000Z"),
  ...overrides
})

/**
 * Registers the ShopifySettingsRepository guarantees against an implementation (built once; tests isolate
 * themselves with fresh tenants): one row per tenant, `put` inserts or replaces the whole row atomically,
 * `delete` (also of a missing row), isolation by tenant, every field read back as written.
 */
export const shopifySettingsRepositoryContract = (
  name: string,
  implementation: Layer.Layer<Repositories | ShopifySettingsRepository, unknown>
): void =>
  layer(implementation, { excludeTestServices: true })(`ShopifySettingsRepository (${name})`, (it) => {
    it.effect("put inserts, then replaces the whole row; every field reads back as written", () =>
      Effect.gen(function* () {
        const settings = yield* ShopifySettingsRepository
        const { tenant } = yield* freshTenant()
        assert.isTrue(Option.isNone(yield* settings.find(tenant.id)))
        const full = someSettings(tenant.id, {
          endpoint: "http://127.0.0.1:4000/admin/api/2026-07/graphql.json",
          sealedWebhookSecret: "v1.current",
          sealedPreviousWebhookSecret: "v1.previous",
          webhookSecretRotatedAt: new Date("2026-03-01T09:00:00.000Z"),
          tagFormats: { customerCode: "c:{value}", customerName: "n:{value}", priceCode: "{value}-p" }
        })
        yield* settings.put(full)
        assert.deepStrictEqual(yield* settings.find(tenant.id), Option.some(full))
        const replaced = someSettings(tenant.id, { shopDomain: "other.myshopify.com", apiVersion: "2025-10" })
        yield* settings.put(replaced)
        assert.deepStrictEqual(yield* settings.find(tenant.id), Option.some(replaced))
      })
    )

    it.effect(
      "isolation: a tenant's row is never another's; delete removes one row, a missing one quietly",
      () =>
        Effect.gen(function* () {
          const settings = yield* ShopifySettingsRepository
          const { tenant } = yield* freshTenant()
          const { tenant: other } = yield* freshTenant()
          const mine = someSettings(tenant.id)
          yield* settings.put(mine)
          assert.isTrue(Option.isNone(yield* settings.find(other.id)))
          const theirs = someSettings(other.id, { shopDomain: "theirs.myshopify.com" })
          yield* settings.put(theirs)
          yield* settings.delete(other.id)
          assert.isTrue(Option.isNone(yield* settings.find(other.id)))
          assert.deepStrictEqual(yield* settings.find(tenant.id), Option.some(mine))
          yield* settings.delete(other.id)
        })
    )

    it.effect("concurrent puts: one whole row wins, never a mix of two", () =>
      Effect.gen(function* () {
        const settings = yield* ShopifySettingsRepository
        const { tenant } = yield* freshTenant()
        const rows = Array.from({ length: 10 }, (_, i) =>
          someSettings(tenant.id, { shopDomain: `s${i}.myshopify.com`, sealedAccessToken: `v1.token-${i}` })
        )
        const { failures } = yield* race(rows.length, (i) => settings.put(rows[i]!))
        assert.lengthOf(failures, 0)
        const stored = Option.getOrThrow(yield* settings.find(tenant.id))
        const index = rows.findIndex((row) => row.shopDomain === stored.shopDomain)
        assert.deepStrictEqual(stored, rows[index])
      })
    )
  })
