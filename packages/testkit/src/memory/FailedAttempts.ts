import {
  type AccountFailures,
  type AttemptKey,
  afterGranted,
  FailedAttempts,
  type FailureCount,
  type GrantedAttempt,
  throttleVerdict
} from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { MemoryStore, mapTable, ok, type Table, type Tx, type View } from "./MemoryStore.ts"

type Row<T> = T & { readonly tenantId: string }
const Accounts = mapTable<string, Row<AccountFailures>>("failedAttempts")
const Origins = mapTable<string, Row<FailureCount>>("failedAttemptsByOrigin")
/** The addresses users signed in from: rows of a user, which go with the user. */
export const Known = mapTable<
  string,
  Row<{ readonly userId: string; readonly origin: string; readonly at: Date }>
>("signInOrigins")
// Keyed by tenant first, as tables with tenant-led keys are.
const accountKey = (tenantId: string, account: string) => `${tenantId}/${account}`
const originKeyOf = (key: AttemptKey) => `${key.tenantId}/${key.account}/${key.origin}`
const noFailures: FailureCount = { failures: 0, lastFailureAt: null }
const noAccount: AccountFailures = { failures: 0, lastFailureAt: null, lockedUntil: null }

/** Sets or (undefined) deletes a row; an emptied table goes, so a released attempt leaves no trace. */
const put = <V>(tx: Tx, table: Table<ReadonlyMap<string, V>>, key: string, value: V | undefined): void =>
  value === undefined ? tx.delete(table, key) : tx.set(table, key, value)

const accountOf = (s: View, tenantId: string, account: string): AccountFailures => {
  const row = s.get(Accounts).get(accountKey(tenantId, account))
  return row === undefined || row.tenantId !== tenantId
    ? noAccount
    : { failures: row.failures, lastFailureAt: row.lastFailureAt, lockedUntil: row.lockedUntil }
}
const originOf = (s: View, key: AttemptKey): FailureCount => {
  const row = s.get(Origins).get(originKeyOf(key))
  return row === undefined || row.tenantId !== key.tenantId
    ? noFailures
    : { failures: row.failures, lastFailureAt: row.lastFailureAt }
}
const isKnown = (s: View, key: AttemptKey): boolean =>
  s.get(Known).get(originKeyOf(key))?.tenantId === key.tenantId

const sameCount = (a: FailureCount, b: FailureCount) =>
  a.failures === b.failures && a.lastFailureAt?.getTime() === b.lastFailureAt?.getTime()

/** One step back from `current`: the `prior` counts when nothing counted since `reserved`, else one less. */
const stepBack = <T extends FailureCount>(current: T, reserved: T, prior: T): T | undefined => {
  const back = sameCount(current, reserved)
    ? prior
    : { ...current, failures: Math.max(0, current.failures - 1) }
  return back.failures === 0 && !("lockedUntil" in back && back.lockedUntil !== null) ? undefined : back
}

export const layerMemory: Layer.Layer<FailedAttempts, never, MemoryStore> = Layer.effect(
  FailedAttempts,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return FailedAttempts.of({
      // One store write: the verdict and the counts it leads to are one atomic step.
      reserve: (key, at, policy) =>
        store.write((s, tx) => {
          const prior = { origin: originOf(s, key), account: accountOf(s, key.tenantId, key.account) }
          const verdict = throttleVerdict({ ...prior, known: isKnown(s, key) }, at, policy)
          if (verdict._tag !== "Allowed") {
            return ok({
              _tag: "Refused" as const,
              retryAfterMs: verdict.retryAfterMs,
              locked: verdict._tag === "Locked"
            })
          }
          const next = afterGranted(prior, at, policy)
          const granted: GrantedAttempt = { _tag: "Granted", key, at, ...next, prior }
          tx.set(Origins, originKeyOf(key), { ...next.origin, tenantId: key.tenantId })
          tx.set(Accounts, accountKey(key.tenantId, key.account), { ...next.account, tenantId: key.tenantId })
          return ok(granted)
        }),
      release: (granted) =>
        store.write((s, tx) => {
          const { key } = granted
          const origin = stepBack(originOf(s, key), granted.origin, granted.prior.origin)
          const account = stepBack(
            accountOf(s, key.tenantId, key.account),
            granted.account,
            granted.prior.account
          )
          put(tx, Origins, originKeyOf(key), origin && { ...origin, tenantId: key.tenantId })
          put(
            tx,
            Accounts,
            accountKey(key.tenantId, key.account),
            account && { ...account, tenantId: key.tenantId }
          )
          return ok(undefined)
        }),
      reset: (tenantId, account) =>
        store.write((s, tx) => {
          const prefix = `${accountKey(tenantId, account)}/`
          for (const key of [...s.get(Origins).keys()]) if (key.startsWith(prefix)) tx.delete(Origins, key)
          tx.delete(Accounts, accountKey(tenantId, account))
          return ok(undefined)
        }),
      rememberOrigin: (key, at, keep) =>
        store.write((s, tx) => {
          tx.set(Known, originKeyOf(key), {
            tenantId: key.tenantId,
            userId: key.account,
            origin: key.origin,
            at
          })
          const mine = [...s.get(Known).entries()]
            .filter(([, row]) => row.tenantId === key.tenantId && row.userId === key.account)
            .sort(([, a], [, b]) => b.at.getTime() - a.at.getTime())
          for (const [stale] of mine.slice(Math.max(keep, 1))) tx.delete(Known, stale)
          return ok(undefined)
        }),
      get: (tenantId, account) => store.read((s) => accountOf(s, tenantId, account)),
      getOrigin: (key) => store.read((s) => originOf(s, key)),
      recordFailure: (tenantId, key, at) =>
        store.write((s, tx) => {
          const before = accountOf(s, tenantId, key)
          const next = { ...before, failures: before.failures + 1, lastFailureAt: at }
          tx.set(Accounts, accountKey(tenantId, key), { ...next, tenantId })
          return ok({ failures: next.failures, lastFailureAt: at })
        })
    })
  })
)
