import { assert } from "@effect/vitest"
import { type GroupId, GroupRepository, UserRepository } from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { aGroup, aUser } from "../builders.ts"
import { catalogueStoreTests } from "./namedCatalogue.ts"
import { type ContractIt, freshTenant, type Repositories, registerContract } from "./support.ts"

const catalogue = catalogueStoreTests<GroupId, ReturnType<typeof aGroup>, { readonly _tag: string }>({
  kind: "group",
  store: GroupRepository,
  make: (tenantId, name) => aGroup(name === undefined ? { tenantId } : { tenantId, name }),
  notFoundTag: "GroupNotFound",
  userIn: (tenantId, groupIds) => ({ tenantId, groupIds }),
  entriesOf: (user) => user.groupIds
})

/** The GroupRepository guarantees: a named catalogue's, with descriptions and many groups a user. */
export const groupRepositoryTests = (it: ContractIt): void => {
  catalogue(it)

  it.effect("a group's description is kept and cleared", () =>
    Effect.gen(function* () {
      const groups = yield* GroupRepository
      const { tenant } = yield* freshTenant()
      const group = yield* groups.insert(aGroup({ tenantId: tenant.id, description: "Sales people" }))
      assert.deepStrictEqual(yield* groups.findById(tenant.id, group.id), Option.some(group))
      const cleared = yield* groups.update({ ...group, description: null })
      assert.deepStrictEqual(yield* groups.findById(tenant.id, group.id), Option.some(cleared))
    })
  )

  it.effect("delete keeps a user's other groups, and the user list no longer finds the group", () =>
    Effect.gen(function* () {
      const groups = yield* GroupRepository
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const doomed = yield* groups.insert(aGroup({ tenantId: tenant.id }))
      const kept = yield* groups.insert(aGroup({ tenantId: tenant.id }))
      const both = yield* users.insert(aUser({ tenantId: tenant.id, groupIds: [doomed.id, kept.id] }))
      yield* groups.delete(tenant.id, doomed.id)
      const reread = Option.getOrThrow(yield* users.findById(tenant.id, both.id))
      assert.deepStrictEqual(reread.groupIds, [kept.id])
      const listed = yield* users.list(tenant.id, { sort: "name", limit: 10, groupId: doomed.id })
      assert.strictEqual(listed.total, 0)
    })
  )
}

/** Runs the GroupRepository contract against one implementation (built once for the suite). */
export const groupRepositoryContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`GroupRepository contract (${name})`, layer, groupRepositoryTests)
