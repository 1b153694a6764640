import type { Effect, Option } from "effect"
import type { NameTaken } from "../errors/index.ts"
import type { TenantId } from "../model/ids.ts"

/** What every entry of a named catalogue (groups, departments) has. */
export interface CatalogueEntry<Id extends string> {
  readonly id: Id
  readonly tenantId: TenantId
  readonly name: string
  readonly createdAt: Date
  readonly updatedAt: Date
}

/**
 * A tenant's named catalogue (groups, departments): one shape, two stores.
 *
 * Guarantees (the contract suite `catalogueStoreTests` checks them on every store): names unique per tenant
 * case-insensitively, by `catalogueNameKey` (`NameTaken`); `list` in `compareCatalogueEntries` order (the name
 * key by code point, then id); `delete` states its cascade on the users in each port; isolation by tenant (another
 * tenant's id is not found).
 */
export interface CatalogueStore<Id extends string, Entry extends CatalogueEntry<Id>, NotFound> {
  readonly insert: (entry: Entry) => Effect.Effect<Entry, NameTaken>
  readonly findById: (tenantId: TenantId, id: Id) => Effect.Effect<Option.Option<Entry>>
  readonly update: (entry: Entry) => Effect.Effect<Entry, NotFound | NameTaken>
  readonly delete: (tenantId: TenantId, id: Id) => Effect.Effect<void, NotFound>
  readonly list: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<Entry>>
}
