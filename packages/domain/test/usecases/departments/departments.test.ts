import { assert, describe, it } from "@effect/vitest"
import {
  createDepartment,
  type DepartmentId,
  deleteDepartment,
  getDepartment,
  listDepartments,
  UserRepository,
  updateDepartment
} from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import { actorOf, auditTrail, failureTag, provide, role, snapshot } from "../memberships/support.ts"

describe("departments", () => {
  it.effect("create, rename, list by name and delete, each audited", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
      const sales = yield* createDepartment(adminActor, { name: "Sales" })
      yield* createDepartment(adminActor, { name: "accounting" })
      assert.strictEqual(sales.tenantId, tenant.id)
      const renamed = yield* updateDepartment(adminActor, sales.id, { name: "Sales & Marketing" })
      assert.strictEqual(renamed.name, "Sales & Marketing")
      assert.deepStrictEqual(
        (yield* listDepartments(adminActor)).map((d) => d.name),
        ["accounting", "Sales & Marketing"]
      )
      yield* deleteDepartment(adminActor, sales.id)
      assert.deepStrictEqual(
        (yield* listDepartments(adminActor)).map((d) => d.name),
        ["accounting"]
      )
      assert.deepStrictEqual(
        (yield* auditTrail).map((e) => e.action),
        ["department.created", "department.created", "department.updated", "department.deleted"]
      )
    }).pipe(provide)
  )

  it.effect("names are unique per tenant in any casing (NameTaken), and a failure leaves no trace", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant({ preset: "wetrack" })
      const other = yield* seedTenant({ preset: "wetrack" })
      yield* createDepartment(adminActor, { name: "Sales" })
      const support = yield* createDepartment(adminActor, { name: "Support" })
      const before = yield* snapshot
      assert.strictEqual(yield* failureTag(createDepartment(adminActor, { name: "SALES" })), "NameTaken")
      assert.strictEqual(
        yield* failureTag(updateDepartment(adminActor, support.id, { name: "sales" })),
        "NameTaken"
      )
      assert.strictEqual(yield* failureTag(createDepartment(adminActor, { name: " " })), "InvalidInput")
      assert.deepStrictEqual(yield* snapshot, before)
      assert.strictEqual((yield* createDepartment(other.adminActor, { name: "Sales" })).name, "Sales")
    }).pipe(provide)
  )

  it.effect("deleting a department clears it from its users", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
      const sales = yield* createDepartment(adminActor, { name: "Sales" })
      const user = yield* seedUser(tenant, { departmentId: sales.id })
      yield* deleteDepartment(adminActor, sales.id)
      const after = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
      assert.isNull(after.departmentId)
    }).pipe(provide)
  )

  it.effect("another tenant's department is not found; groups:manage is needed to change departments", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
      const other = yield* seedTenant({ preset: "wetrack" })
      const theirs = yield* createDepartment(other.adminActor, { name: "Theirs" })
      const ours = yield* createDepartment(adminActor, { name: "Ours" })
      const general = actorOf(yield* seedUser(tenant, { role: role("General") }))
      const before = yield* snapshot
      assert.strictEqual(
        yield* failureTag(updateDepartment(adminActor, theirs.id, { name: "Mine" })),
        "DepartmentNotFound"
      )
      assert.strictEqual(yield* failureTag(deleteDepartment(adminActor, theirs.id)), "DepartmentNotFound")
      assert.strictEqual(
        yield* failureTag(deleteDepartment(adminActor, crypto.randomUUID() as DepartmentId)),
        "DepartmentNotFound"
      )
      assert.strictEqual(yield* failureTag(createDepartment(general, { name: "Mine" })), "Forbidden")
      assert.strictEqual(yield* failureTag(updateDepartment(general, ours.id, { name: "Mine" })), "Forbidden")
      assert.strictEqual(yield* failureTag(deleteDepartment(general, ours.id)), "Forbidden")
      assert.strictEqual(yield* failureTag(listDepartments(general)), "Forbidden")
      assert.deepStrictEqual(yield* snapshot, before)
      assert.deepStrictEqual(
        (yield* listDepartments(adminActor)).map((d) => d.id),
        [ours.id]
      )
    }).pipe(provide)
  )

  it.effect(
    "getDepartment answers one of the tenant's departments; another tenant's or an unknown id is not found",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
        const other = yield* seedTenant({ preset: "wetrack" })
        const theirs = yield* createDepartment(other.adminActor, { name: "Theirs" })
        const ours = yield* createDepartment(adminActor, { name: "Ours" })
        assert.deepStrictEqual(yield* getDepartment(adminActor, ours.id), ours)
        assert.strictEqual(yield* failureTag(getDepartment(adminActor, theirs.id)), "DepartmentNotFound")
        assert.strictEqual(
          yield* failureTag(getDepartment(adminActor, crypto.randomUUID() as DepartmentId)),
          "DepartmentNotFound"
        )
        const general = actorOf(yield* seedUser(tenant, { role: role("General") }))
        assert.strictEqual(yield* failureTag(getDepartment(general, ours.id)), "Forbidden")
      }).pipe(provide)
  )
})
