import { type AttemptState, FailedAttempts } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { MemoryStore, ok, setIn, table, withTable } from "./MemoryStore.ts"

type Attempts = ReadonlyMap<string, AttemptState & { readonly tenantId: string }>
const TABLE = "failedAttempts"
// Keyed by tenant and user, as a table with a (tenant_id, user_id) key would be.
const keyOf = (tenantId: string, userId: string) => `${tenantId}/${userId}`
const none: AttemptState = { failures: 0, lastFailureAt: null }

export const layerMemory: Layer.Layer<FailedAttempts, never, MemoryStore> = Layer.effect(
  FailedAttempts,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const read = (tenantId: string, userId: string) => (attempts: Attempts) => {
      const row = attempts.get(keyOf(tenantId, userId))
      return row === undefined || row.tenantId !== tenantId
        ? none
        : { failures: row.failures, lastFailureAt: row.lastFailureAt }
    }
    return FailedAttempts.of({
      recordFailure: (tenantId, userId, at) =>
        store.write((s) => {
          const attempts = table<Attempts>(s, TABLE, new Map())
          const next = { failures: read(tenantId, userId)(attempts).failures + 1, lastFailureAt: at }
          return ok(
            next,
            withTable(s, TABLE, setIn(attempts, keyOf(tenantId, userId), { ...next, tenantId }))
          )
        }),
      get: (tenantId, userId) =>
        store.read((s) => read(tenantId, userId)(table<Attempts>(s, TABLE, new Map()))),
      reset: (tenantId, userId) =>
        store.write((s) => {
          const attempts = table<Attempts>(s, TABLE, new Map())
          return ok(undefined, withTable(s, TABLE, setIn(attempts, keyOf(tenantId, userId), undefined)))
        })
    })
  })
)
