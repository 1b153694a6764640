import { assert } from "@effect/vitest"
import { type DepartmentId, DepartmentRepository, UserRepository } from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { aDepartment, anId, aUser } from "../builders.ts"
import { type ContractIt, freshTenant, type Repositories, registerContract } from "./support.ts"

/** The DepartmentRepository guarantees: CRUD, case-insensitive unique names, delete unassigns, order. */
export const departmentRepositoryTests = (it: ContractIt): void => {
  it.effect("inserts, finds, updates and deletes a department", () =>
    Effect.gen(function* () {
      const departments = yield* DepartmentRepository
      const { tenant } = yield* freshTenant()
      const department = aDepartment({ tenantId: tenant.id })
      assert.deepStrictEqual(yield* departments.insert(department), department)
      assert.deepStrictEqual(yield* departments.findById(tenant.id, department.id), Option.some(department))
      const changed = { ...department, name: "Renamed", updatedAt: new Date("2026-05-05T00:00:00Z") }
      assert.deepStrictEqual(yield* departments.update(changed), changed)
      assert.deepStrictEqual(yield* departments.findById(tenant.id, department.id), Option.some(changed))
      yield* departments.delete(tenant.id, department.id)
      assert.isTrue(Option.isNone(yield* departments.findById(tenant.id, department.id)))
      const again = yield* Effect.flip(departments.delete(tenant.id, department.id))
      assert.strictEqual(again._tag, "DepartmentNotFound")
      const missing = yield* Effect.flip(departments.update(aDepartment({ tenantId: tenant.id })))
      assert.strictEqual(missing._tag, "DepartmentNotFound")
    })
  )

  it.effect("names are unique per tenant case-insensitively (NameTaken); another tenant may reuse one", () =>
    Effect.gen(function* () {
      const departments = yield* DepartmentRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const finance = yield* departments.insert(aDepartment({ tenantId: tenant.id, name: "Finance" }))
      const clash = yield* Effect.flip(
        departments.insert(aDepartment({ tenantId: tenant.id, name: "FINANCE" }))
      )
      assert.strictEqual(clash._tag, "NameTaken")
      assert.strictEqual(clash.kind, "department")
      yield* departments.insert(aDepartment({ tenantId: other.id, name: "finance" }))

      const legal = yield* departments.insert(aDepartment({ tenantId: tenant.id, name: "Legal" }))
      const renameClash = yield* Effect.flip(departments.update({ ...legal, name: "fInAnCe" }))
      assert.strictEqual(renameClash._tag, "NameTaken")
      assert.deepStrictEqual(yield* departments.findById(tenant.id, legal.id), Option.some(legal))
      // Re-casing a department's own name is no clash.
      const recased = yield* departments.update({ ...finance, name: "finance" })
      assert.strictEqual(recased.name, "finance")
    })
  )

  it.effect("delete sets departmentId to null on the department's users, and only theirs", () =>
    Effect.gen(function* () {
      const departments = yield* DepartmentRepository
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const doomed = yield* departments.insert(aDepartment({ tenantId: tenant.id }))
      const kept = yield* departments.insert(aDepartment({ tenantId: tenant.id }))
      const inDoomed = yield* users.insert(aUser({ tenantId: tenant.id, departmentId: doomed.id }))
      const inKept = yield* users.insert(aUser({ tenantId: tenant.id, departmentId: kept.id }))
      yield* departments.delete(tenant.id, doomed.id)
      const departmentOf = (id: typeof inDoomed.id) =>
        Effect.map(users.findById(tenant.id, id), (u) => Option.getOrThrow(u).departmentId)
      assert.isNull(yield* departmentOf(inDoomed.id))
      assert.strictEqual(yield* departmentOf(inKept.id), kept.id)
      const listed = yield* users.list(tenant.id, { sort: "name", limit: 10, departmentId: doomed.id })
      assert.strictEqual(listed.total, 0)
    })
  )

  it.effect("list orders by lower-cased name and shows only the tenant's departments", () =>
    Effect.gen(function* () {
      const departments = yield* DepartmentRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      for (const name of ["sales", "Operations", "it", "Finance"])
        yield* departments.insert(aDepartment({ tenantId: tenant.id, name }))
      yield* departments.insert(aDepartment({ tenantId: other.id, name: "Accounting" }))
      const listed = yield* departments.list(tenant.id)
      assert.deepStrictEqual(
        listed.map((d) => d.name),
        ["Finance", "it", "Operations", "sales"]
      )
    })
  )

  it.effect("a department of another tenant is never read, changed nor deleted", () =>
    Effect.gen(function* () {
      const departments = yield* DepartmentRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const theirs = yield* departments.insert(aDepartment({ tenantId: other.id }))
      assert.isTrue(Option.isNone(yield* departments.findById(tenant.id, theirs.id)))
      assert.isTrue(Option.isNone(yield* departments.findById(tenant.id, anId<DepartmentId>())))
      const updated = yield* Effect.flip(
        departments.update({ ...theirs, tenantId: tenant.id, name: "Mine now" })
      )
      assert.strictEqual(updated._tag, "DepartmentNotFound")
      const deleted = yield* Effect.flip(departments.delete(tenant.id, theirs.id))
      assert.strictEqual(deleted._tag, "DepartmentNotFound")
      assert.deepStrictEqual(yield* departments.findById(other.id, theirs.id), Option.some(theirs))
    })
  )
}

/** Runs the DepartmentRepository contract against one implementation (built once for the suite). */
export const departmentRepositoryContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`DepartmentRepository contract (${name})`, layer, departmentRepositoryTests)
