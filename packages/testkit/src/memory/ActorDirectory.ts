import { ActorDirectory } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { membershipsOfUser } from "./MembershipRepository.ts"
import { MemoryStore } from "./MemoryStore.ts"
import { rolesOfTenant } from "./RoleRepository.ts"
import { sessionById } from "./SessionRepository.ts"
import { Organizations, Tenants, Users } from "./tables.ts"

/**
 * The actor, or a session with its user's status, in one read of the store (one snapshot), with the
 * repositories' own readers.
 */
export const layerMemory: Layer.Layer<ActorDirectory, never, MemoryStore> = Layer.effect(
  ActorDirectory,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return ActorDirectory.of({
      load: (tenantId, userId) =>
        store.read((s) => {
          const tenant = s.get(Tenants).get(tenantId)
          const user = s.get(Users).get(userId)
          if (tenant === undefined || user === undefined || user.tenantId !== tenantId) return Option.none()
          const memberships = membershipsOfUser(s, tenantId, userId)
          const inactiveOrganizations = [...new Set(memberships.map((m) => m.organizationId))].filter(
            (id) => s.get(Organizations).get(id)?.status === "inactive"
          )
          return Option.some({
            tenant,
            user,
            roles: rolesOfTenant(s, tenantId),
            memberships,
            inactiveOrganizations
          })
        }),
      findSession: (id) =>
        store.read((s) => {
          const session = sessionById(s, id)
          if (session === undefined) return Option.none()
          const user = s.get(Users).get(session.userId)
          return Option.some({
            session,
            userStatus: user !== undefined && user.tenantId === session.tenantId ? user.status : undefined
          })
        })
    })
  })
)
