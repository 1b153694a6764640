import { type ShopifySettings, ShopifySettingsRepository, type TenantId } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, mapTable, ok } from "./MemoryStore.ts"

const Settings = mapTable<TenantId, ShopifySettings>("shopifySettings")

/** The Shopify settings of each tenant, one row per tenant, in a table of the in-memory store. */
export const layerMemory: Layer.Layer<ShopifySettingsRepository, never, MemoryStore> = Layer.effect(
  ShopifySettingsRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return ShopifySettingsRepository.of({
      find: (tenantId) => store.read((s) => Option.fromNullishOr(s.get(Settings).get(tenantId))),
      put: (settings) =>
        store.write((_, tx) => {
          tx.set(Settings, settings.tenantId, settings)
          return ok(undefined)
        }),
      delete: (tenantId) =>
        store.write((_, tx) => {
          tx.delete(Settings, tenantId)
          return ok(undefined)
        })
    })
  })
)
