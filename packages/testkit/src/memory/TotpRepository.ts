import { type TotpEnrollment, TotpRepository } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, mapTable, ok, type View } from "./MemoryStore.ts"

export const Enrollments = mapTable<string, TotpEnrollment>("totp")
// Keyed by tenant and user, as a table with a (tenant_id, user_id) key would be.
const keyOf = (tenantId: string, userId: string) => `${tenantId}/${userId}`

export const layerMemory: Layer.Layer<TotpRepository, never, MemoryStore> = Layer.effect(
  TotpRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    const own = (s: View, tenantId: string, userId: string) => {
      return s.get(Enrollments).get(keyOf(tenantId, userId))
    }
    const change = (
      tenantId: string,
      userId: string,
      f: (row: TotpEnrollment) => TotpEnrollment | undefined
    ) =>
      store.write((s, tx) => {
        const row = own(s, tenantId, userId)
        const next = row === undefined ? undefined : f(row)
        if (row === undefined || next === undefined) return ok(false)
        tx.set(Enrollments, keyOf(tenantId, userId), next)
        return ok(true)
      })
    return TotpRepository.of({
      savePending: (enrollment) =>
        store.write((s, tx) => {
          const key = keyOf(enrollment.tenantId, enrollment.userId)
          if (s.get(Enrollments).get(key)?.confirmed === true) return ok(false)
          tx.set(Enrollments, key, enrollment)
          return ok(true)
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
        store.write((_, tx) => {
          tx.delete(Enrollments, keyOf(tenantId, userId))
          return ok(undefined)
        })
    })
  })
)
