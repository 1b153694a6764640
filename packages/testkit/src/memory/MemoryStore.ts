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

/**
 * Everything an in-memory Gatehouse holds, as plain Maps and arrays (tests compare and filter them as such).
 * Every state a reader, a transaction or a test has seen is immutable: a write copies a collection the first
 * time it changes it after the state was last seen (see `setIn`) and changes its own copy in place from then
 * on, so a run of writes (a 100,000-row import and its emails) costs one copy per collection, not one per row.
 */
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
    /**
     * Runs `f` on the current state and stores the state it returns. `f` changes collections only through
     * `setIn` / `appendIn` / `withTable`, decides to fail before it changes anything, and never returns a
     * collection of the state as its value (it may change that collection in place later).
     */
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
      // The collections this store's writes copied since the state was last seen: nobody else holds them, so
      // later writes may change them in place. Whatever sees the state (a read, a snapshot, a transaction's
      // rollback point) starts a new set: from then on the first change of each collection copies it again.
      let owned = new WeakSet<object>()
      const seen = (state: State): State => {
        owned = new WeakSet()
        return state
      }
      const current = Effect.map(Ref.get(ref), seen)
      const exclusive = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
        Effect.flatMap(OpenTransactions, (open) => (open.has(identity) ? effect : lock.withPermit(effect)))

      const read = <A>(f: (state: State) => A) => exclusive(Effect.map(current, f))
      const write = <W extends Write<unknown, unknown>>(f: (state: State) => W) =>
        exclusive(
          Effect.flatMap(Ref.get(ref), (state) => {
            const result = owning(owned, () => f(state))
            if ("error" in result) return Effect.fail(result.error as ErrorOf<W>)
            return Effect.as(Ref.set(ref, result.state), result.value as ValueOf<W>)
          })
        )
      const transaction = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
        Effect.flatMap(OpenTransactions, (open) => {
          if (open.has(identity)) return effect
          return lock.withPermit(
            Effect.flatMap(current, (before) =>
              effect.pipe(
                Effect.provideService(OpenTransactions, new Set([...open, identity])),
                Effect.onExit((exit) => (Exit.isSuccess(exit) ? Effect.void : Ref.set(ref, seen(before))))
              )
            )
          )
        })
      return MemoryStore.of({ read, write, transaction, snapshot: exclusive(current) })
    })

  /** A fresh, empty store each time the layer is built. */
  static readonly layer: Layer.Layer<MemoryStore> = Layer.effect(MemoryStore, MemoryStore.make())
}

// The owned collections of the store whose write function is running (writes run synchronously, one at a time).
let writing: WeakSet<object> | undefined

const owning = <A>(owned: WeakSet<object>, f: () => A): A => {
  const outer = writing
  writing = owned
  try {
    return f()
  } finally {
    writing = outer
  }
}

/** A collection this write may change in place: one it copied since the state was last seen. */
const isOwned = (collection: object): boolean => writing?.has(collection) === true

const own = <C extends object>(collection: C): C => {
  writing?.add(collection)
  return collection
}

/**
 * `map` with `key` set (or removed when `value` is undefined). Inside a store's write it copies `map` only the
 * first time after the state was last seen and changes that copy in place later on, so a write function must
 * decide to fail before it changes anything (a failed write leaves the state as it was). Elsewhere: a copy.
 */
export const setIn = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V | undefined): ReadonlyMap<K, V> => {
  const next = isOwned(map) ? (map as Map<K, V>) : own(new Map(map))
  if (value === undefined) next.delete(key)
  else next.set(key, value)
  return next
}

/** `array` with `items` appended; copies like `setIn` (only the first time after the state was last seen). */
export const appendIn = <A>(array: ReadonlyArray<A>, items: ReadonlyArray<A>): ReadonlyArray<A> => {
  const next = isOwned(array) ? (array as Array<A>) : own([...array])
  for (const item of items) next.push(item)
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
