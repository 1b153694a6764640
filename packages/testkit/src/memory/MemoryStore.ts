import type {
  AuditEvent,
  Department,
  DepartmentId,
  Group,
  GroupId,
  Membership,
  Organization,
  OrganizationId,
  Role,
  Tenant,
  TenantId,
  User,
  UserId
} from "@gatehouse/domain"
import { Context, Effect, Exit, Layer, Ref, Semaphore } from "effect"

/** Everything an in-memory Gatehouse holds: immutable snapshots, replaced whole by each write. */
export interface State {
  readonly tenants: ReadonlyMap<TenantId, Tenant>
  readonly users: ReadonlyMap<UserId, User>
  readonly roles: ReadonlyArray<Role>
  readonly organizations: ReadonlyMap<OrganizationId, Organization>
  /** Keyed by `${organizationId}/${userId}`. */
  readonly memberships: ReadonlyMap<string, Membership>
  readonly groups: ReadonlyMap<GroupId, Group>
  readonly departments: ReadonlyMap<DepartmentId, Department>
  readonly audit: ReadonlyArray<AuditEvent>
  /** Tables of further ports (sessions, invitations, ...), each under its own name: see `table` / `withTable`. */
  readonly tables: ReadonlyMap<string, unknown>
}

export const emptyState: State = {
  tenants: new Map(),
  users: new Map(),
  roles: [],
  organizations: new Map(),
  memberships: new Map(),
  groups: new Map(),
  departments: new Map(),
  audit: [],
  tables: new Map()
}

/** The outcome of a write: a value and the next state, or a typed failure that leaves the state unchanged. */
export type Write<A, E> = { readonly value: A; readonly state: State } | { readonly error: E }

type ValueOf<W> = W extends { readonly value: infer A } ? A : never
type ErrorOf<W> = W extends { readonly error: infer E } ? E : never

export const ok = <A>(value: A, state: State): Write<A, never> => ({ value, state })
export const fail = <E>(error: E): Write<never, E> => ({ error })

/** The stores whose transaction the current fiber runs inside (lets a nested transaction join the outer one). */
const OpenTransactions = Context.Reference<ReadonlySet<object>>("@gatehouse/testkit/OpenTransactions", {
  defaultValue: () => new Set()
})

/**
 * One in-memory database. Every read and write takes the store's single permit unless the fiber is inside a
 * transaction of this store, so a transaction is one atomic, isolated update; a failed or interrupted one
 * is rolled back to the snapshot taken when it began.
 */
export class MemoryStore extends Context.Service<
  MemoryStore,
  {
    readonly read: <A>(f: (state: State) => A) => Effect.Effect<A>
    readonly write: <W extends Write<unknown, unknown>>(
      f: (state: State) => W
    ) => Effect.Effect<ValueOf<W>, ErrorOf<W>>
    readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
    /** The whole state, for assertions in tests. */
    readonly snapshot: Effect.Effect<State>
  }
>()("@gatehouse/testkit/MemoryStore") {
  static readonly make = (initial: State = emptyState): Effect.Effect<MemoryStore["Service"]> =>
    Effect.gen(function* () {
      const ref = yield* Ref.make(initial)
      const lock = yield* Semaphore.make(1)
      const identity = {}
      const exclusive = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
        Effect.flatMap(OpenTransactions, (open) => (open.has(identity) ? effect : lock.withPermit(effect)))

      const read = <A>(f: (state: State) => A) => exclusive(Effect.map(Ref.get(ref), f))
      const write = <W extends Write<unknown, unknown>>(f: (state: State) => W) =>
        exclusive(
          Effect.flatMap(Ref.get(ref), (state) => {
            const result = f(state)
            if ("error" in result) return Effect.fail(result.error as ErrorOf<W>)
            return Effect.as(Ref.set(ref, result.state), result.value as ValueOf<W>)
          })
        )
      const transaction = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
        Effect.flatMap(OpenTransactions, (open) => {
          if (open.has(identity)) return effect
          return lock.withPermit(
            Effect.flatMap(Ref.get(ref), (before) =>
              effect.pipe(
                Effect.provideService(OpenTransactions, new Set([...open, identity])),
                Effect.onExit((exit) => (Exit.isSuccess(exit) ? Effect.void : Ref.set(ref, before)))
              )
            )
          )
        })
      return MemoryStore.of({ read, write, transaction, snapshot: exclusive(Ref.get(ref)) })
    })

  /** A fresh, empty store each time the layer is built. */
  static readonly layer: Layer.Layer<MemoryStore> = Layer.effect(MemoryStore, MemoryStore.make())
}

/** Returns a copy of `map` with `key` set (or removed when `value` is undefined). */
export const setIn = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V | undefined): ReadonlyMap<K, V> => {
  const next = new Map(map)
  if (value === undefined) next.delete(key)
  else next.set(key, value)
  return next
}

/** A named table of a later port, typed by its reader; `empty` when nothing was stored yet. */
export const table = <T>(state: State, name: string, empty: T): T =>
  state.tables.has(name) ? (state.tables.get(name) as T) : empty

/** The state with the named table replaced. */
export const withTable = <T>(state: State, name: string, value: T): State => ({
  ...state,
  tables: setIn(state.tables, name, value)
})
