import {
  type CatalogueEntry,
  type CatalogueStore,
  catalogueNameKey,
  compareCatalogueEntries,
  NameTaken,
  type TenantId
} from "@gatehouse/domain"
import { Effect, Option } from "effect"
import { fail, MemoryStore, ok, type Table, type Tx, type View } from "./MemoryStore.ts"

/** Where one named catalogue lives in the memory state, and what deleting an entry does to the users. */
export interface MemoryCatalogueSpec<Id extends string, Entry extends CatalogueEntry<Id>, NotFound> {
  readonly kind: "group" | "department"
  readonly table: Table<ReadonlyMap<Id, Entry>>
  readonly notFound: (id: Id) => NotFound
  /** Takes the entry off its users (the port's cascade). */
  readonly unlinkUsers: (tx: Tx, id: Id) => void
}

/** A named catalogue (groups, departments) in memory, ordered and unique by the domain's own rules. */
export const memoryCatalogue = <Id extends string, Entry extends CatalogueEntry<Id>, NotFound>(
  spec: MemoryCatalogueSpec<Id, Entry, NotFound>
): Effect.Effect<CatalogueStore<Id, Entry, NotFound>, never, MemoryStore> =>
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const nameClash = (s: View, entry: Entry) =>
      [...s.get(spec.table).values()].some(
        (e) =>
          e.tenantId === entry.tenantId &&
          e.id !== entry.id &&
          catalogueNameKey(e.name) === catalogueNameKey(entry.name)
      )
    const current = (s: View, tenantId: TenantId, id: Id) => {
      const found = s.get(spec.table).get(id)
      return found === undefined || found.tenantId !== tenantId ? undefined : found
    }
    return {
      insert: (entry) =>
        store.write((s, tx) => {
          if (nameClash(s, entry)) return fail(new NameTaken({ kind: spec.kind, name: entry.name }))
          tx.set(spec.table, entry.id, entry)
          return ok(entry)
        }),
      findById: (tenantId, id) => store.read((s) => Option.fromNullishOr(current(s, tenantId, id))),
      update: (entry) =>
        store.write((s, tx) => {
          if (current(s, entry.tenantId, entry.id) === undefined) return fail(spec.notFound(entry.id))
          if (nameClash(s, entry)) return fail(new NameTaken({ kind: spec.kind, name: entry.name }))
          tx.set(spec.table, entry.id, entry)
          return ok(entry)
        }),
      delete: (tenantId, id) =>
        store.write((s, tx) => {
          if (current(s, tenantId, id) === undefined) return fail(spec.notFound(id))
          spec.unlinkUsers(tx, id)
          tx.delete(spec.table, id)
          return ok(undefined)
        }),
      list: (tenantId) =>
        store.read((s) =>
          [...s.get(spec.table).values()].filter((e) => e.tenantId === tenantId).sort(compareCatalogueEntries)
        )
    }
  })
