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
import { MemoryStore, ok, type State, setIn, table, withTable } from "./MemoryStore.ts"

type Row<T> = T & { readonly tenantId: string }
type Accounts = ReadonlyMap<string, Row<AccountFailures>>
type Origins = ReadonlyMap<string, Row<FailureCount>>
type Known = ReadonlyMap<string, Row<{ readonly userId: string; readonly origin: string; readonly at: Date }>>

const ACCOUNTS = "failedAttempts"
const ORIGINS = "failedAttemptsByOrigin"
/** The addresses users signed in from: rows of a user, which go with the user. */
export const KNOWN = "signInOrigins"
// Keyed by tenant first, as tables with tenant-led keys are.
const accountKey = (tenantId: string, account: string) => `${tenantId}/${account}`
const originKeyOf = (key: AttemptKey) => `${key.tenantId}/${key.account}/${key.origin}`
const noFailures: FailureCount = { failures: 0, lastFailureAt: null }
const noAccount: AccountFailures = { failures: 0, lastFailureAt: null, lockedUntil: null }

/** The state with a table replaced; an emptied table goes, so a released attempt leaves no trace. */
const putTable = <K, V>(s: State, name: string, rows: ReadonlyMap<K, V>): State =>
  withTable(s, name, rows.size === 0 ? undefined : rows)

const accountOf = (s: State, tenantId: string, account: string): AccountFailures => {
  const row = table<Accounts>(s, ACCOUNTS, new Map()).get(accountKey(tenantId, account))
  return row === undefined || row.tenantId !== tenantId
    ? noAccount
    : { failures: row.failures, lastFailureAt: row.lastFailureAt, lockedUntil: row.lockedUntil }
}
const originOf = (s: State, key: AttemptKey): FailureCount => {
  const row = table<Origins>(s, ORIGINS, new Map()).get(originKeyOf(key))
  return row === undefined || row.tenantId !== key.tenantId
    ? noFailures
    : { failures: row.failures, lastFailureAt: row.lastFailureAt }
}
const isKnown = (s: State, key: AttemptKey): boolean =>
  table<Known>(s, KNOWN, new Map()).get(originKeyOf(key))?.tenantId === key.tenantId

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
        store.write((s) => {
          const prior = { origin: originOf(s, key), account: accountOf(s, key.tenantId, key.account) }
          const verdict = throttleVerdict({ ...prior, known: isKnown(s, key) }, at, policy)
          if (verdict._tag !== "Allowed") {
            return ok(
              {
                _tag: "Refused" as const,
                retryAfterMs: verdict.retryAfterMs,
                locked: verdict._tag === "Locked"
              },
              s
            )
          }
          const next = afterGranted(prior, at, policy)
          const granted: GrantedAttempt = { _tag: "Granted", key, at, ...next, prior }
          const origins = setIn(table<Origins>(s, ORIGINS, new Map()), originKeyOf(key), {
            ...next.origin,
            tenantId: key.tenantId
          })
          const accounts = setIn(
            table<Accounts>(s, ACCOUNTS, new Map()),
            accountKey(key.tenantId, key.account),
            { ...next.account, tenantId: key.tenantId }
          )
          return ok(granted, putTable(putTable(s, ORIGINS, origins), ACCOUNTS, accounts))
        }),
      release: (granted) =>
        store.write((s) => {
          const { key } = granted
          const origin = stepBack(originOf(s, key), granted.origin, granted.prior.origin)
          const account = stepBack(
            accountOf(s, key.tenantId, key.account),
            granted.account,
            granted.prior.account
          )
          const origins = setIn(
            table<Origins>(s, ORIGINS, new Map()),
            originKeyOf(key),
            origin && { ...origin, tenantId: key.tenantId }
          )
          const accounts = setIn(
            table<Accounts>(s, ACCOUNTS, new Map()),
            accountKey(key.tenantId, key.account),
            account && { ...account, tenantId: key.tenantId }
          )
          return ok(undefined, putTable(putTable(s, ORIGINS, origins), ACCOUNTS, accounts))
        }),
      reset: (tenantId, account) =>
        store.write((s) => {
          let origins = table<Origins>(s, ORIGINS, new Map())
          const prefix = `${accountKey(tenantId, account)}/`
          for (const key of origins.keys())
            if (key.startsWith(prefix)) origins = setIn(origins, key, undefined)
          const accounts = setIn(
            table<Accounts>(s, ACCOUNTS, new Map()),
            accountKey(tenantId, account),
            undefined
          )
          return ok(undefined, putTable(putTable(s, ORIGINS, origins), ACCOUNTS, accounts))
        }),
      rememberOrigin: (key, at, keep) =>
        store.write((s) => {
          let known = setIn(table<Known>(s, KNOWN, new Map()), originKeyOf(key), {
            tenantId: key.tenantId,
            userId: key.account,
            origin: key.origin,
            at
          })
          const mine = [...known.entries()]
            .filter(([, row]) => row.tenantId === key.tenantId && row.userId === key.account)
            .sort(([, a], [, b]) => b.at.getTime() - a.at.getTime())
          for (const [stale] of mine.slice(Math.max(keep, 1))) known = setIn(known, stale, undefined)
          return ok(undefined, putTable(s, KNOWN, known))
        }),
      get: (tenantId, account) => store.read((s) => accountOf(s, tenantId, account)),
      getOrigin: (key) => store.read((s) => originOf(s, key)),
      recordFailure: (tenantId, key, at) =>
        store.write((s) => {
          const before = accountOf(s, tenantId, key)
          const next = { ...before, failures: before.failures + 1, lastFailureAt: at }
          const accounts = setIn(table<Accounts>(s, ACCOUNTS, new Map()), accountKey(tenantId, key), {
            ...next,
            tenantId
          })
          return ok({ failures: next.failures, lastFailureAt: at }, putTable(s, ACCOUNTS, accounts))
        })
    })
  })
)
