import { assert } from "@effect/vitest"
import { type DepartmentId, DepartmentRepository, UserRepository } from "@gatehouse/domain"
import { Effect, type Layer } from "effect"
import { aDepartment, aUser } from "../builders.ts"
import { catalogueStoreTests } from "./namedCatalogue.ts"
import { type ContractIt, freshTenant, type Repositories, registerContract } from "./support.ts"

const catalogue = catalogueStoreTests<
  DepartmentId,
  ReturnType<typeof aDepartment>,
  { readonly _tag: string }
>({
  kind: "department",
  store: DepartmentRepository,
  make: (tenantId, name) => aDepartment(name === undefined ? { tenantId } : { tenantId, name }),
  notFoundTag: "DepartmentNotFound",
  userIn: (tenantId, [departmentId]) => ({ tenantId, departmentId: departmentId ?? null }),
  entriesOf: (user) => (user.departmentId === null ? [] : [user.departmentId])
})

/** The DepartmentRepository guarantees: a named catalogue's, with at most one department a user. */
export const departmentRepositoryTests = (it: ContractIt): void => {
  catalogue(it)

  it.effect("after a delete, the user list no longer finds the department", () =>
    Effect.gen(function* () {
      const departments = yield* DepartmentRepository
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const doomed = yield* departments.insert(aDepartment({ tenantId: tenant.id }))
      yield* users.insert(aUser({ tenantId: tenant.id, departmentId: doomed.id }))
      yield* departments.delete(tenant.id, doomed.id)
      const listed = yield* users.list(tenant.id, { sort: "name", limit: 10, departmentId: doomed.id })
      assert.strictEqual(listed.total, 0)
    })
  )
}

/** Runs the DepartmentRepository contract against one implementation (built once for the suite). */
export const departmentRepositoryContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`DepartmentRepository contract (${name})`, layer, departmentRepositoryTests)
