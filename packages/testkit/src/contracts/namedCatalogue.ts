import { assert } from "@effect/vitest"
import {
  type CatalogueEntry,
  type CatalogueStore,
  compareCatalogueEntries,
  type TenantId,
  type User,
  type UserId,
  UserRepository
} from "@gatehouse/domain"
import { type Context, Effect, Option } from "effect"
import { anId, aUser } from "../builders.ts"
import { type ContractIt, freshTenant, type Repositories } from "./support.ts"

/** One named catalogue under test: its store, a builder, its not-found tag, and its link to the users. */
export interface CatalogueUnderTest<Id extends string, Entry extends CatalogueEntry<Id>, NotFound> {
  readonly kind: "group" | "department"
  readonly store: Context.Key<Repositories, CatalogueStore<Id, Entry, NotFound>>
  /** A new entry of the tenant (a fresh name unless given). */
  readonly make: (tenantId: TenantId, name?: string) => Entry
  readonly notFoundTag: string
  /** A user of the tenant placed in these entries (through the user's own fields). */
  readonly userIn: (
    tenantId: TenantId,
    ids: ReadonlyArray<Id>
  ) => Partial<User> & { readonly tenantId: TenantId }
  /** The entries a user is in, as the store reads them back. */
  readonly entriesOf: (user: User) => ReadonlyArray<Id>
}

// Names whose order tells a code-point order (PostgreSQL's COLLATE "C", UTF-8 bytes) from `localeCompare`
// (which puts "Émile" next to "emu") and from UTF-16 code units (which put "𝔄ngle", outside the Basic
// Multilingual Plane, before "ｚebra").
const MIXED = [
  "delta",
  "Émile",
  "Bravo",
  "Жук",
  "alpha",
  "𝔄ngle",
  "ẞtraße",
  "Charlie",
  "ｚebra",
  "Æther",
  "ангел"
]
const MIXED_ORDER = [
  "alpha",
  "Bravo",
  "Charlie",
  "delta",
  "ẞtraße",
  "Æther",
  "Émile",
  "ангел",
  "Жук",
  "ｚebra",
  "𝔄ngle"
]

/**
 * The guarantees every named catalogue (groups, departments) gives, on every store: CRUD with its not-found
 * error, names unique per tenant by the lower-cased name (non-ASCII included), the domain's one ordering, the
 * users' links removed with a deleted entry, isolation by tenant.
 */
export const catalogueStoreTests =
  <Id extends string, Entry extends CatalogueEntry<Id>, NotFound extends { readonly _tag: string }>(
    c: CatalogueUnderTest<Id, Entry, NotFound>
  ) =>
  (it: ContractIt): void => {
    it.effect(`inserts, finds, updates and deletes a ${c.kind}`, () =>
      Effect.gen(function* () {
        const store = yield* c.store
        const { tenant } = yield* freshTenant()
        const entry = c.make(tenant.id)
        assert.deepStrictEqual(yield* store.insert(entry), entry)
        assert.deepStrictEqual(yield* store.findById(tenant.id, entry.id), Option.some(entry))
        const changed = { ...entry, name: "Renamed", updatedAt: new Date("2026-05-05T00:00:00Z") }
        assert.deepStrictEqual(yield* store.update(changed), changed)
        assert.deepStrictEqual(yield* store.findById(tenant.id, entry.id), Option.some(changed))
        yield* store.delete(tenant.id, entry.id)
        assert.isTrue(Option.isNone(yield* store.findById(tenant.id, entry.id)))
        const again = yield* Effect.flip(store.delete(tenant.id, entry.id))
        assert.strictEqual(again._tag, c.notFoundTag)
        const missing = yield* Effect.flip(store.update(c.make(tenant.id)))
        assert.strictEqual(missing._tag, c.notFoundTag)
      })
    )

    it.effect(`${c.kind} names are unique per tenant by the lower-cased name, non-ASCII included`, () =>
      Effect.gen(function* () {
        const store = yield* c.store
        const { tenant } = yield* freshTenant()
        const { tenant: other } = yield* freshTenant()
        const clashes = [
          ["Sales", "sALES"],
          ["Ärzte", "äRZTE"],
          ["Жук", "жУК"],
          ["ÆSIR", "æsir"]
        ] as const
        for (const [first, second] of clashes) {
          yield* store.insert(c.make(tenant.id, first))
          const clash = yield* Effect.flip(store.insert(c.make(tenant.id, second)))
          assert.strictEqual(clash._tag, "NameTaken", `${first} / ${second}`)
          if (clash._tag === "NameTaken") assert.strictEqual(clash.kind, c.kind)
          // another tenant may reuse it
          yield* store.insert(c.make(other.id, second))
        }
        // lower-casing does not fold: "STRASSE" is not "Straße"
        yield* store.insert(c.make(tenant.id, "Straße"))
        yield* store.insert(c.make(tenant.id, "STRASSE"))

        const support = yield* store.insert(c.make(tenant.id, "Support"))
        const renameClash = yield* Effect.flip(store.update({ ...support, name: "sales" }))
        assert.strictEqual(renameClash._tag, "NameTaken")
        assert.deepStrictEqual(yield* store.findById(tenant.id, support.id), Option.some(support))
        // re-casing an entry's own name is no clash
        const recased = yield* store.update({ ...support, name: "SUPPORT" })
        assert.strictEqual(recased.name, "SUPPORT")
      })
    )

    it.effect(
      `${c.kind} list: the domain's one order (lower-cased name by code point), the tenant's only`,
      () =>
        Effect.gen(function* () {
          const store = yield* c.store
          const { tenant } = yield* freshTenant()
          const { tenant: other } = yield* freshTenant()
          for (const name of MIXED) yield* store.insert(c.make(tenant.id, name))
          yield* store.insert(c.make(other.id, "Aardvark"))
          const listed = yield* store.list(tenant.id)
          assert.deepStrictEqual(
            listed.map((e) => e.name),
            MIXED_ORDER
          )
          assert.deepStrictEqual(listed, [...listed].sort(compareCatalogueEntries))
        })
    )

    it.effect(`deleting a ${c.kind} removes it from its users, and only that`, () =>
      Effect.gen(function* () {
        const store = yield* c.store
        const users = yield* UserRepository
        const { tenant } = yield* freshTenant()
        const doomed = yield* store.insert(c.make(tenant.id))
        const kept = yield* store.insert(c.make(tenant.id))
        const inDoomed = yield* users.insert(aUser(c.userIn(tenant.id, [doomed.id])))
        const inKept = yield* users.insert(aUser(c.userIn(tenant.id, [kept.id])))
        yield* store.delete(tenant.id, doomed.id)
        const entriesOf = (id: UserId) =>
          Effect.map(users.findById(tenant.id, id), (u) => c.entriesOf(Option.getOrThrow(u)))
        assert.deepStrictEqual(yield* entriesOf(inDoomed.id), [])
        assert.deepStrictEqual(yield* entriesOf(inKept.id), [kept.id])
      })
    )

    it.effect(`a ${c.kind} of another tenant is never read, changed nor deleted`, () =>
      Effect.gen(function* () {
        const store = yield* c.store
        const { tenant } = yield* freshTenant()
        const { tenant: other } = yield* freshTenant()
        const theirs = yield* store.insert(c.make(other.id))
        assert.isTrue(Option.isNone(yield* store.findById(tenant.id, theirs.id)))
        assert.isTrue(Option.isNone(yield* store.findById(tenant.id, anId<Id>())))
        const updated = yield* Effect.flip(store.update({ ...theirs, tenantId: tenant.id, name: "Mine now" }))
        assert.strictEqual(updated._tag, c.notFoundTag)
        const deleted = yield* Effect.flip(store.delete(tenant.id, theirs.id))
        assert.strictEqual(deleted._tag, c.notFoundTag)
        assert.deepStrictEqual(yield* store.findById(other.id, theirs.id), Option.some(theirs))
      })
    )
  }
