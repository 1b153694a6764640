import { MembershipExpiries } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { MemoryStore, mapTable, ok } from "./MemoryStore.ts"
import { Memberships } from "./tables.ts"

/** The recorded expiries: (membership, expiresAt) keys. */
const Recorded = mapTable<string, true>("membershipExpiries")
const keyOf = (
  m: { readonly tenantId: string; readonly organizationId: string; readonly userId: string },
  at: Date
) => `${m.tenantId}/${m.organizationId}/${m.userId}/${at.toISOString()}`

/** Recorded expiries as a table of (membership, expiresAt) keys in the memory store. */
export const layerMemory: Layer.Layer<MembershipExpiries, never, MemoryStore> = Layer.effect(
  MembershipExpiries,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return MembershipExpiries.of({
      due: (now, limit) =>
        store.read((s) => {
          const recorded = s.get(Recorded)
          return [...s.get(Memberships).values()]
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
        store.write((s, tx) => {
          if (membership.expiresAt === null) return ok(false)
          const key = keyOf(membership, membership.expiresAt)
          if (s.get(Recorded).has(key)) return ok(false)
          tx.set(Recorded, key, true)
          return ok(true)
        })
    })
  })
)
