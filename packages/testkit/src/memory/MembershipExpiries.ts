import { MembershipExpiries } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { MemoryStore, ok, table, withTable } from "./MemoryStore.ts"

const RECORDED = "membershipExpiries"
const keyOf = (
  m: { readonly tenantId: string; readonly organizationId: string; readonly userId: string },
  at: Date
) => `${m.tenantId}/${m.organizationId}/${m.userId}/${at.toISOString()}`

/** Recorded expiries as a set of (membership, expiresAt) keys in the memory store. */
export const layerMemory: Layer.Layer<MembershipExpiries, never, MemoryStore> = Layer.effect(
  MembershipExpiries,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return MembershipExpiries.of({
      due: (now, limit) =>
        store.read((s) => {
          const recorded = table<ReadonlySet<string>>(s, RECORDED, new Set())
          return [...s.memberships.values()]
            .filter(
              (m) =>
                m.expiresAt !== null &&
                m.expiresAt.getTime() <= now.getTime() &&
                !recorded.has(keyOf(m, m.expiresAt))
            )
            .sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime())
            .slice(0, limit)
        }),
      record: (membership) =>
        store.write((s) => {
          if (membership.expiresAt === null) return ok(false, s)
          const recorded = table<ReadonlySet<string>>(s, RECORDED, new Set())
          const key = keyOf(membership, membership.expiresAt)
          if (recorded.has(key)) return ok(false, s)
          return ok(true, withTable(s, RECORDED, new Set([...recorded, key])))
        })
    })
  })
)
