import { type ExpiringMembership, TenantOverview, type UserStatusCounts, utcDays } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Invitations } from "./InvitationRepository.ts"
import { MemoryStore } from "./MemoryStore.ts"
import { Audit, Memberships, Organizations, Users } from "./tables.ts"

const bySoonest = (a: ExpiringMembership, b: ExpiringMembership): number =>
  a.expiresAt.getTime() - b.expiresAt.getTime() ||
  (a.organization.id < b.organization.id ? -1 : a.organization.id > b.organization.id ? 1 : 0) ||
  (a.user.id < b.user.id ? -1 : a.user.id > b.user.id ? 1 : 0)

/** The home page's figures, counted from the store's rows (a memory store is small; no counters needed). */
export const layerMemory: Layer.Layer<TenantOverview, never, MemoryStore> = Layer.effect(
  TenantOverview,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return TenantOverview.of({
      usersByStatus: (tenantId) =>
        store.read((s) => {
          const counts = { pending: 0, active: 0, disabled: 0, deactivated: 0 }
          for (const user of s.get(Users).values()) if (user.tenantId === tenantId) counts[user.status]++
          return counts satisfies UserStatusCounts
        }),
      signInsPerDay: (tenantId, { today, days }) =>
        store.read((s) => {
          const counts = new Map(utcDays(today, days).map((day) => [day, 0]))
          for (const event of s.get(Audit)) {
            if (event.tenantId !== tenantId || event.action !== "auth.login_succeeded") continue
            const day = event.at.toISOString().slice(0, 10)
            const count = counts.get(day)
            if (count !== undefined) counts.set(day, count + 1)
          }
          return [...counts].map(([day, count]) => ({ day, count }))
        }),
      pendingInvitations: (tenantId, now) =>
        store.read(
          (s) =>
            [...s.get(Invitations).values()].filter(
              (i) => i.tenantId === tenantId && i.state === "pending" && i.expiresAt.getTime() > now.getTime()
            ).length
        ),
      expiringMemberships: (tenantId, { from, until, limit }) =>
        store.read((s) => {
          const all: Array<ExpiringMembership> = []
          for (const m of s.get(Memberships).values()) {
            if (m.tenantId !== tenantId || m.expiresAt === null) continue
            const at = m.expiresAt.getTime()
            if (at < from.getTime() || at >= until.getTime()) continue
            const organization = s.get(Organizations).get(m.organizationId)
            const user = s.get(Users).get(m.userId)
            if (organization === undefined || user === undefined) continue
            all.push({
              organization: { id: organization.id, name: organization.name },
              user: { id: user.id, firstName: user.firstName, lastName: user.lastName, email: user.email },
              role: m.role,
              active: m.active,
              expiresAt: m.expiresAt
            })
          }
          all.sort(bySoonest)
          return { items: all.slice(0, limit), total: all.length }
        })
    })
  })
)
