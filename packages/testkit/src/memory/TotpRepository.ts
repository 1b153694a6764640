import { type TotpEnrollment, TotpRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, ok, type State, setIn, table, withTable } from "./MemoryStore.ts"

type Enrollments = ReadonlyMap<string, TotpEnrollment>
export const TOTP = "totp"
const TABLE = TOTP
const rows = (s: State) => table<Enrollments>(s, TABLE, new Map())
// Keyed by tenant and user, as a table with a (tenant_id, user_id) key would be.
const keyOf = (tenantId: string, userId: string) => `${tenantId}/${userId}`

export const layerMemory: Layer.Layer<TotpRepository, never, MemoryStore> = Layer.effect(
  TotpRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const own = (s: State, tenantId: string, userId: string) => {
      return rows(s).get(keyOf(tenantId, userId))
    }
    const change = (
      tenantId: string,
      userId: string,
      f: (row: TotpEnrollment) => TotpEnrollment | undefined
    ) =>
      store.write((s) => {
        const row = own(s, tenantId, userId)
        const next = row === undefined ? undefined : f(row)
        if (row === undefined || next === undefined) return ok(false, s)
        return ok(true, withTable(s, TABLE, setIn(rows(s), keyOf(tenantId, userId), next)))
      })
    return TotpRepository.of({
      savePending: (enrollment) =>
        store.write((s) => {
          const key = keyOf(enrollment.tenantId, enrollment.userId)
          if (rows(s).get(key)?.confirmed === true) return ok(false, s)
          return ok(true, withTable(s, TABLE, setIn(rows(s), key, enrollment)))
        }),
      find: (tenantId, userId) => store.read((s) => Option.fromNullishOr(own(s, tenantId, userId))),
      confirm: (tenantId, userId, recoveryCodeHashes, step) =>
        change(tenantId, userId, (row) =>
          row.confirmed ? undefined : { ...row, confirmed: true, recoveryCodeHashes, lastUsedStep: step }
        ),
      useStep: (tenantId, userId, step) =>
        change(tenantId, userId, (row) =>
          row.confirmed && (row.lastUsedStep === null || step > row.lastUsedStep)
            ? { ...row, lastUsedStep: step }
            : undefined
        ),
      consumeRecoveryCode: (tenantId, userId, hash) =>
        change(tenantId, userId, (row) =>
          row.confirmed && row.recoveryCodeHashes.includes(hash)
            ? { ...row, recoveryCodeHashes: row.recoveryCodeHashes.filter((h) => h !== hash) }
            : undefined
        ),
      replaceRecoveryCodes: (tenantId, userId, recoveryCodeHashes) =>
        change(tenantId, userId, (row) => (row.confirmed ? { ...row, recoveryCodeHashes } : undefined)),
      delete: (tenantId, userId) =>
        store.write((s) => {
          if (own(s, tenantId, userId) === undefined) return ok(undefined, s)
          return ok(undefined, withTable(s, TABLE, setIn(rows(s), keyOf(tenantId, userId), undefined)))
        })
    })
  })
)
