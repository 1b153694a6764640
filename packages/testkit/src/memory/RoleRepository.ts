import { NameTaken, type Role, RoleRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, ok, type View } from "./MemoryStore.ts"
import { Roles } from "./tables.ts"

/** What `list` returns: the tenant's roles, tenant roles first, each scope in insertion order. */
export const rolesOfTenant = (s: View, tenantId: string): ReadonlyArray<Role> => {
  const own = s.get(Roles).filter((r) => r.tenantId === tenantId)
  return [...own.filter((r) => r.scope === "tenant"), ...own.filter((r) => r.scope === "organization")]
}

export const layerMemory: Layer.Layer<RoleRepository, never, MemoryStore> = Layer.effect(
  RoleRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return RoleRepository.of({
      insert: (role) =>
        store.write((s, tx) => {
          if (
            s
              .get(Roles)
              .some((r) => r.tenantId === role.tenantId && r.scope === role.scope && r.name === role.name)
          )
            return fail(new NameTaken({ kind: "role", name: role.name }))
          tx.append(Roles, [role])
          return ok(role)
        }),
      find: (tenantId, scope, name) =>
        store.read((s) =>
          Option.fromNullishOr(
            s.get(Roles).find((r) => r.tenantId === tenantId && r.scope === scope && r.name === name)
          )
        ),
      list: (tenantId) => store.read((s) => rolesOfTenant(s, tenantId))
    })
  })
)
