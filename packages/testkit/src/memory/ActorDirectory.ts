import {
  ActorDirectory,
  type ActorSnapshot,
  type SessionId,
  type SessionRecord,
  type TenantId,
  type UserId
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { membershipsOfUser } from "./MembershipRepository.ts"
import { MemoryStore, type View } from "./MemoryStore.ts"
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
    const actorOf = (s: View, tenantId: TenantId, userId: UserId): Option.Option<ActorSnapshot> => {
      const tenant = s.get(Tenants).get(tenantId)
      const user = s.get(Users).get(userId)
      if (tenant === undefined || user === undefined || user.tenantId !== tenantId) return Option.none()
      const memberships = membershipsOfUser(s, tenantId, userId)
      const organizations = [...new Set(memberships.map((m) => m.organizationId))].flatMap((id) => {
        const organization = s.get(Organizations).get(id)
        return organization === undefined || organization.tenantId !== tenantId ? [] : [organization]
      })
      return Option.some({
        tenant,
        user,
        roles: rolesOfTenant(s, tenantId),
        memberships,
        inactiveOrganizations: organizations.filter((o) => o.status === "inactive").map((o) => o.id),
        organizations
      })
    }
    const sessionOf = (s: View, id: SessionId): Option.Option<SessionRecord> => {
      const session = sessionById(s, id)
      if (session === undefined) return Option.none()
      const user = s.get(Users).get(session.userId)
      return Option.some({
        session,
        userStatus: user !== undefined && user.tenantId === session.tenantId ? user.status : undefined
      })
    }
    return ActorDirectory.of({
      load: (tenantId, userId) =>
        store.read((s) =>
          Option.map(actorOf(s, tenantId, userId), ({ organizations: _, ...record }) => record)
        ),
      findSession: (id) => store.read((s) => sessionOf(s, id)),
      findSessionActor: (id) =>
        store.read((s) =>
          Option.map(sessionOf(s, id), (record) => ({
            ...record,
            actor: actorOf(s, record.session.tenantId, record.session.userId)
          }))
        )
    })
  })
)
