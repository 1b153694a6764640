import {
  type CatalogueEntry,
  type CatalogueStore,
  catalogueNameKey,
  compareCatalogueEntries,
  NameTaken,
  type TenantId
} from "@gatehouse/domain"
import { Effect, Option } from "effect"
import { fail, MemoryStore, ok, type State, setIn } from "./MemoryStore.ts"

/** Where one named catalogue lives in the memory state, and what deleting an entry does to the users. */
export interface MemoryCatalogueSpec<Id extends string, Entry extends CatalogueEntry<Id>, NotFound> {
  readonly kind: "group" | "department"
  readonly entries: (state: State) => ReadonlyMap<Id, Entry>
  readonly withEntries: (state: State, entries: ReadonlyMap<Id, Entry>) => State
  readonly notFound: (id: Id) => NotFound
  /** The state after the entry's users lost it (the port's cascade). */
  readonly unlinkUsers: (state: State, id: Id) => State
}

/** A named catalogue (groups, departments) in memory, ordered and unique by the domain's own rules. */
export const memoryCatalogue = <Id extends string, Entry extends CatalogueEntry<Id>, NotFound>(
  spec: MemoryCatalogueSpec<Id, Entry, NotFound>
): Effect.Effect<CatalogueStore<Id, Entry, NotFound>, never, MemoryStore> =>
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const nameClash = (s: State, entry: Entry) =>
      [...spec.entries(s).values()].some(
        (e) =>
          e.tenantId === entry.tenantId &&
          e.id !== entry.id &&
          catalogueNameKey(e.name) === catalogueNameKey(entry.name)
      )
    const current = (s: State, tenantId: TenantId, id: Id) => {
      const found = spec.entries(s).get(id)
      return found === undefined || found.tenantId !== tenantId ? undefined : found
    }
    const put = (s: State, entry: Entry) => spec.withEntries(s, setIn(spec.entries(s), entry.id, entry))
    return {
      insert: (entry) =>
        store.write((s) =>
          nameClash(s, entry)
            ? fail(new NameTaken({ kind: spec.kind, name: entry.name }))
            : ok(entry, put(s, entry))
        ),
      findById: (tenantId, id) => store.read((s) => Option.fromNullishOr(current(s, tenantId, id))),
      update: (entry) =>
        store.write((s) => {
          if (current(s, entry.tenantId, entry.id) === undefined) return fail(spec.notFound(entry.id))
          if (nameClash(s, entry)) return fail(new NameTaken({ kind: spec.kind, name: entry.name }))
          return ok(entry, put(s, entry))
        }),
      delete: (tenantId, id) =>
        store.write((s) => {
          if (current(s, tenantId, id) === undefined) return fail(spec.notFound(id))
          const unlinked = spec.unlinkUsers(s, id)
          return ok(undefined, spec.withEntries(unlinked, setIn(spec.entries(unlinked), id, undefined)))
        }),
      list: (tenantId) =>
        store.read((s) =>
          [...spec.entries(s).values()].filter((e) => e.tenantId === tenantId).sort(compareCatalogueEntries)
        )
    }
  })
