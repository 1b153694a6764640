import { NameTaken, type Role, RoleRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, ok, type State } from "./MemoryStore.ts"

/** What `list` returns: the tenant's roles, tenant roles first, each scope in insertion order. */
export const rolesOfTenant = (s: State, tenantId: string): ReadonlyArray<Role> => {
  const own = s.roles.filter((r) => r.tenantId === tenantId)
  return [...own.filter((r) => r.scope === "tenant"), ...own.filter((r) => r.scope === "organization")]
}

export const layerMemory: Layer.Layer<RoleRepository, never, MemoryStore> = Layer.effect(
  RoleRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return RoleRepository.of({
      insert: (role) =>
        store.write((s) =>
          s.roles.some((r) => r.tenantId === role.tenantId && r.scope === role.scope && r.name === role.name)
            ? fail(new NameTaken({ kind: "role", name: role.name }))
            : ok(role, { ...s, roles: [...s.roles, role] })
        ),
      find: (tenantId, scope, name) =>
        store.read((s) =>
          Option.fromNullishOr(
            s.roles.find((r) => r.tenantId === tenantId && r.scope === scope && r.name === name)
          )
        ),
      list: (tenantId) => store.read((s) => rolesOfTenant(s, tenantId))
    })
  })
)
