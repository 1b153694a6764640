import { assert } from "@effect/vitest"
import { type GroupId, GroupRepository, UserRepository } from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { aGroup, anId, aUser } from "../builders.ts"
import { type ContractIt, freshTenant, type Repositories, registerContract } from "./support.ts"

/** The GroupRepository guarantees: CRUD, case-insensitive unique names per tenant, delete unlinks, order. */
export const groupRepositoryTests = (it: ContractIt): void => {
  it.effect("inserts, finds, updates and deletes a group", () =>
    Effect.gen(function* () {
      const groups = yield* GroupRepository
      const { tenant } = yield* freshTenant()
      const group = aGroup({ tenantId: tenant.id, description: "Sales people" })
      assert.deepStrictEqual(yield* groups.insert(group), group)
      assert.deepStrictEqual(yield* groups.findById(tenant.id, group.id), Option.some(group))
      const changed = {
        ...group,
        name: "Renamed",
        description: null,
        updatedAt: new Date("2026-05-05T00:00:00Z")
      }
      assert.deepStrictEqual(yield* groups.update(changed), changed)
      assert.deepStrictEqual(yield* groups.findById(tenant.id, group.id), Option.some(changed))
      yield* groups.delete(tenant.id, group.id)
      assert.isTrue(Option.isNone(yield* groups.findById(tenant.id, group.id)))
      const again = yield* Effect.flip(groups.delete(tenant.id, group.id))
      assert.strictEqual(again._tag, "GroupNotFound")
      const missing = yield* Effect.flip(groups.update(aGroup({ tenantId: tenant.id })))
      assert.strictEqual(missing._tag, "GroupNotFound")
    })
  )

  it.effect("names are unique per tenant case-insensitively (NameTaken); another tenant may reuse one", () =>
    Effect.gen(function* () {
      const groups = yield* GroupRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const sales = yield* groups.insert(aGroup({ tenantId: tenant.id, name: "Sales" }))
      const clash = yield* Effect.flip(groups.insert(aGroup({ tenantId: tenant.id, name: "sALES" })))
      assert.strictEqual(clash._tag, "NameTaken")
      assert.strictEqual(clash.kind, "group")
      yield* groups.insert(aGroup({ tenantId: other.id, name: "SALES" }))

      const support = yield* groups.insert(aGroup({ tenantId: tenant.id, name: "Support" }))
      const renameClash = yield* Effect.flip(groups.update({ ...support, name: "sales" }))
      assert.strictEqual(renameClash._tag, "NameTaken")
      assert.deepStrictEqual(yield* groups.findById(tenant.id, support.id), Option.some(support))
      // Re-casing a group's own name is no clash.
      const recased = yield* groups.update({ ...sales, name: "SALES" })
      assert.strictEqual(recased.name, "SALES")
    })
  )

  it.effect("delete removes the group from every user's groupIds and keeps their other groups", () =>
    Effect.gen(function* () {
      const groups = yield* GroupRepository
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const doomed = yield* groups.insert(aGroup({ tenantId: tenant.id }))
      const kept = yield* groups.insert(aGroup({ tenantId: tenant.id }))
      const both = yield* users.insert(aUser({ tenantId: tenant.id, groupIds: [doomed.id, kept.id] }))
      const only = yield* users.insert(aUser({ tenantId: tenant.id, groupIds: [doomed.id] }))
      const none = yield* users.insert(aUser({ tenantId: tenant.id, groupIds: [kept.id] }))
      yield* groups.delete(tenant.id, doomed.id)
      const groupIdsOf = (id: typeof both.id) =>
        Effect.map(users.findById(tenant.id, id), (u) => Option.getOrThrow(u).groupIds)
      assert.deepStrictEqual(yield* groupIdsOf(both.id), [kept.id])
      assert.deepStrictEqual(yield* groupIdsOf(only.id), [])
      assert.deepStrictEqual(yield* groupIdsOf(none.id), [kept.id])
      const listed = yield* users.list(tenant.id, { sort: "name", limit: 10, groupId: doomed.id })
      assert.strictEqual(listed.total, 0)
    })
  )

  it.effect("list orders by lower-cased name and shows only the tenant's groups", () =>
    Effect.gen(function* () {
      const groups = yield* GroupRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      for (const name of ["delta", "Bravo", "alpha", "Charlie"])
        yield* groups.insert(aGroup({ tenantId: tenant.id, name }))
      yield* groups.insert(aGroup({ tenantId: other.id, name: "Aardvark" }))
      const listed = yield* groups.list(tenant.id)
      assert.deepStrictEqual(
        listed.map((g) => g.name),
        ["alpha", "Bravo", "Charlie", "delta"]
      )
    })
  )

  it.effect("a group of another tenant is never read, changed nor deleted", () =>
    Effect.gen(function* () {
      const groups = yield* GroupRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const theirs = yield* groups.insert(aGroup({ tenantId: other.id }))
      assert.isTrue(Option.isNone(yield* groups.findById(tenant.id, theirs.id)))
      assert.isTrue(Option.isNone(yield* groups.findById(tenant.id, anId<GroupId>())))
      const updated = yield* Effect.flip(groups.update({ ...theirs, tenantId: tenant.id, name: "Mine now" }))
      assert.strictEqual(updated._tag, "GroupNotFound")
      const deleted = yield* Effect.flip(groups.delete(tenant.id, theirs.id))
      assert.strictEqual(deleted._tag, "GroupNotFound")
      assert.deepStrictEqual(yield* groups.findById(other.id, theirs.id), Option.some(theirs))
    })
  )
}

/** Runs the GroupRepository contract against one implementation (built once for the suite). */
export const groupRepositoryContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`GroupRepository contract (${name})`, layer, groupRepositoryTests)
