import { type ShopifySettings, ShopifySettingsRepository, type TenantId } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, ok, type State, setIn, table, withTable } from "./MemoryStore.ts"

type Rows = ReadonlyMap<TenantId, ShopifySettings>
const TABLE = "shopifySettings"
const rows = (s: State) => table<Rows>(s, TABLE, new Map())

/** The Shopify settings of each tenant, one row per tenant, in a table of the in-memory store. */
export const layerMemory: Layer.Layer<ShopifySettingsRepository, never, MemoryStore> = Layer.effect(
  ShopifySettingsRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return ShopifySettingsRepository.of({
      find: (tenantId) => store.read((s) => Option.fromNullishOr(rows(s).get(tenantId))),
      put: (settings) =>
        store.write((s) => ok(undefined, withTable(s, TABLE, setIn(rows(s), settings.tenantId, settings)))),
      delete: (tenantId) =>
        store.write((s) => {
          return ok(undefined, withTable(s, TABLE, setIn(rows(s), tenantId, undefined)))
        })
    })
  })
)
