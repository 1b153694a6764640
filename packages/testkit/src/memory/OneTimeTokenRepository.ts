import {
  type OneTimeToken,
  type OneTimeTokenPurpose,
  OneTimeTokenRepository,
  type TenantId,
  type UserId
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, ok, type State, setIn, table, withTable } from "./MemoryStore.ts"

/** One row per (tenant, user, purpose), as the port promises: a new token replaces the previous one. */
type Tokens = ReadonlyMap<string, OneTimeToken>
export const ONE_TIME_TOKENS = "oneTimeTokens"
const TABLE = ONE_TIME_TOKENS
const rows = (s: State) => table<Tokens>(s, TABLE, new Map())
const slot = (tenantId: TenantId, userId: UserId, purpose: OneTimeTokenPurpose) =>
  `${tenantId}/${userId}/${purpose}`

const byId = (s: State, id: string): OneTimeToken | undefined => {
  for (const row of rows(s).values()) if (row.id === id) return row
  return undefined
}

export const layerMemory: Layer.Layer<OneTimeTokenRepository, never, MemoryStore> = Layer.effect(
  OneTimeTokenRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return OneTimeTokenRepository.of({
      issue: (token) =>
        store.write((s) =>
          ok(
            undefined,
            withTable(s, TABLE, setIn(rows(s), slot(token.tenantId, token.userId, token.purpose), token))
          )
        ),
      findById: (id) => store.read((s) => Option.fromNullishOr(byId(s, id))),
      // one write under the store's permit: the check and the change cannot interleave with another caller
      use: (tenantId, id, at) =>
        store.write((s) => {
          const row = byId(s, id)
          if (row === undefined || row.tenantId !== tenantId) return ok(false, s)
          if (row.usedAt !== null || row.expiresAt.getTime() <= at.getTime()) return ok(false, s)
          const key = slot(row.tenantId, row.userId, row.purpose)
          return ok(true, withTable(s, TABLE, setIn(rows(s), key, { ...row, usedAt: at })))
        }),
      revoke: (tenantId, userId, purpose) =>
        store.write((s) => {
          const key = slot(tenantId, userId, purpose)
          if (!rows(s).has(key)) return ok(false, s)
          return ok(true, withTable(s, TABLE, setIn(rows(s), key, undefined)))
        })
    })
  })
)
