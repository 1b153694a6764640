import {
  type OneTimeToken,
  type OneTimeTokenPurpose,
  OneTimeTokenRepository,
  type TenantId,
  type UserId
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, mapTable, ok, type View } from "./MemoryStore.ts"

/** One row per (tenant, user, purpose), as the port promises: a new token replaces the previous one. */
export const Tokens = mapTable<string, OneTimeToken>("oneTimeTokens")
const slot = (tenantId: TenantId, userId: UserId, purpose: OneTimeTokenPurpose) =>
  `${tenantId}/${userId}/${purpose}`

const byId = (s: View, id: string): OneTimeToken | undefined => {
  for (const row of s.get(Tokens).values()) if (row.id === id) return row
  return undefined
}

export const layerMemory: Layer.Layer<OneTimeTokenRepository, never, MemoryStore> = Layer.effect(
  OneTimeTokenRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return OneTimeTokenRepository.of({
      issue: (token) =>
        store.write((_, tx) => {
          tx.set(Tokens, slot(token.tenantId, token.userId, token.purpose), token)
          return ok(undefined)
        }),
      findById: (id) => store.read((s) => Option.fromNullishOr(byId(s, id))),
      // one write under the store's permit: the check and the change cannot interleave with another caller
      use: (tenantId, id, at) =>
        store.write((s, tx) => {
          const row = byId(s, id)
          if (row === undefined || row.tenantId !== tenantId) return ok(false)
          if (row.usedAt !== null || row.expiresAt.getTime() <= at.getTime()) return ok(false)
          tx.set(Tokens, slot(row.tenantId, row.userId, row.purpose), { ...row, usedAt: at })
          return ok(true)
        }),
      revoke: (tenantId, userId, purpose) =>
        store.write((s, tx) => {
          const key = slot(tenantId, userId, purpose)
          if (!s.get(Tokens).has(key)) return ok(false)
          tx.delete(Tokens, key)
          return ok(true)
        })
    })
  })
)
