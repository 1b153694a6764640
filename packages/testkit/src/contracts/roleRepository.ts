import { assert } from "@effect/vitest"
import { type Role, type RoleName, RoleRepository, type TenantId } from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { type ContractIt, freshTenant, type Repositories, registerContract } from "./support.ts"

const aRole = (
  overrides: Omit<Partial<Role>, "name"> & { readonly tenantId: TenantId; readonly name: string }
): Role => ({
  scope: "tenant",
  permissions: ["users:read"],
  requiresTotp: false,
  builtIn: false,
  ...overrides,
  name: overrides.name as RoleName
})

/** Tenant roles first, each scope in the given order: what `list` promises. */
const tenantFirst = (roles: ReadonlyArray<Role>) => [
  ...roles.filter((r) => r.scope === "tenant"),
  ...roles.filter((r) => r.scope !== "tenant")
]

const sorted = (roles: ReadonlyArray<Role>) =>
  roles.map((r) => ({ ...r, permissions: [...r.permissions].sort() }))

/** The RoleRepository guarantees: (tenant, scope, name) unique, list order, isolation by tenant. */
export const roleRepositoryTests = (it: ContractIt): void => {
  it.effect("inserts a role and finds it by tenant, scope and name", () =>
    Effect.gen(function* () {
      const roles = yield* RoleRepository
      const { tenant } = yield* freshTenant()
      const role = aRole({
        tenantId: tenant.id,
        name: "Auditor",
        permissions: ["audit:read", "users:read"],
        requiresTotp: true
      })
      assert.deepStrictEqual(yield* roles.insert(role), role)
      const found = Option.getOrThrow(yield* roles.find(tenant.id, "tenant", role.name))
      assert.deepStrictEqual(sorted([found]), sorted([role]))
      assert.isTrue(Option.isNone(yield* roles.find(tenant.id, "organization", role.name)))
      assert.isTrue(Option.isNone(yield* roles.find(tenant.id, "tenant", "Nobody" as RoleName)))
    })
  )

  it.effect("a second role of one (tenant, scope, name) fails NameTaken", () =>
    Effect.gen(function* () {
      const roles = yield* RoleRepository
      const { tenant } = yield* freshTenant()
      const first = yield* roles.insert(aRole({ tenantId: tenant.id, name: "Auditor" }))
      const error = yield* Effect.flip(
        roles.insert(aRole({ tenantId: tenant.id, name: "Auditor", permissions: ["users:write"] }))
      )
      assert.strictEqual(error._tag, "NameTaken")
      assert.strictEqual(error.kind, "role")
      const found = Option.getOrThrow(yield* roles.find(tenant.id, "tenant", first.name))
      assert.deepStrictEqual(found.permissions, first.permissions)
    })
  )

  it.effect("the same name is allowed in the other scope and in another tenant", () =>
    Effect.gen(function* () {
      const roles = yield* RoleRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const staff = yield* roles.insert(aRole({ tenantId: tenant.id, name: "Auditor" }))
      const member = yield* roles.insert(
        aRole({ tenantId: tenant.id, name: "Auditor", scope: "organization", permissions: ["org:read"] })
      )
      const elsewhere = yield* roles.insert(aRole({ tenantId: other.id, name: "Auditor" }))
      const foundStaff = Option.getOrThrow(yield* roles.find(tenant.id, "tenant", staff.name))
      assert.deepStrictEqual(sorted([foundStaff]), sorted([staff]))
      assert.deepStrictEqual(
        Option.getOrThrow(yield* roles.find(tenant.id, "organization", member.name)).permissions,
        ["org:read"]
      )
      assert.strictEqual(
        Option.getOrThrow(yield* roles.find(other.id, "tenant", elsewhere.name)).tenantId,
        other.id
      )
    })
  )

  it.effect("list gives tenant roles first, each scope in insertion order", () =>
    Effect.gen(function* () {
      const roles = yield* RoleRepository
      // freshTenant seeds a preset's roles; start from those and interleave scopes on purpose.
      const { tenant, roles: seeded } = yield* freshTenant({ preset: "weavestream" })
      const added = [
        aRole({ tenantId: tenant.id, name: "Zeta", scope: "organization", permissions: ["org:read"] }),
        aRole({ tenantId: tenant.id, name: "Omega" }),
        aRole({ tenantId: tenant.id, name: "Alpha", scope: "organization", permissions: ["org:read"] }),
        aRole({ tenantId: tenant.id, name: "Beta" })
      ]
      for (const role of added) yield* roles.insert(role)
      const all = [...seeded, ...added]
      const expected = tenantFirst(all)
      const listed = yield* roles.list(tenant.id)
      assert.deepStrictEqual(
        listed.map((r) => `${r.scope}:${r.name}`),
        expected.map((r) => `${r.scope}:${r.name}`)
      )
      assert.deepStrictEqual(sorted(listed), sorted(expected))
    })
  )

  it.effect("reads never return another tenant's roles", () =>
    Effect.gen(function* () {
      const roles = yield* RoleRepository
      const { tenant, roles: seeded } = yield* freshTenant({ preset: "weevio" })
      const { tenant: other } = yield* freshTenant({ preset: "wetrack" })
      const secret = yield* roles.insert(aRole({ tenantId: other.id, name: "Secret Role" }))
      assert.isTrue(Option.isNone(yield* roles.find(tenant.id, "tenant", secret.name)))
      const listed = yield* roles.list(tenant.id)
      assert.deepStrictEqual(
        listed.map((r) => `${r.scope}:${r.name}`),
        tenantFirst(seeded).map((r) => `${r.scope}:${r.name}`)
      )
      for (const role of listed) assert.strictEqual(role.tenantId, tenant.id)
    })
  )
}

/** Runs the RoleRepository contract against one implementation (built once for the suite). */
export const roleRepositoryContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`RoleRepository contract (${name})`, layer, roleRepositoryTests)
