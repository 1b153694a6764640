import { Context, Effect, Exit, Layer, Ref, Semaphore } from "effect"

/** A collection the store holds: a Map of rows by key, or an append-only array. */
export type Collection = ReadonlyMap<unknown, unknown> | ReadonlyArray<unknown>

/**
 * A typed key of one collection of the store: its name (unique in the store) and what it holds when nothing was
 * stored yet. Every port's collections, core or not, are tables: read with `get`, written through a `Tx`.
 */
export interface Table<C extends Collection> {
  readonly name: string
  readonly empty: C
}

export const defineTable = <C extends Collection>(name: string, empty: C): Table<C> => ({ name, empty })

/** A table of rows by key. */
export const mapTable = <K, V>(name: string): Table<ReadonlyMap<K, V>> => defineTable(name, new Map<K, V>())

/** A table of rows appended in order. */
export const listTable = <A>(name: string): Table<ReadonlyArray<A>> =>
  defineTable(name, [] as ReadonlyArray<A>)

/** Reads tables: a state, or a write's transaction (which reads what it has written so far). */
export interface View {
  get<C extends Collection>(table: Table<C>): C
}

/**
 * Everything an in-memory Gatehouse holds: its tables by name, plain Maps and arrays (tests compare and filter
 * them as such). A table is absent rather than empty, so two states holding the same rows are deeply equal
 * whatever writes led to them. Every state a reader, a transaction or a test has seen is immutable: a write
 * copies a collection the first time it changes it after the state was last seen (see `Tx`) and changes its own
 * copy in place from then on, so a run of writes (a 100,000-row import and its emails) costs one copy per
 * collection, not one per row.
 */
export class State implements View {
  constructor(readonly tables: ReadonlyMap<string, Collection>) {}

  get<C extends Collection>(table: Table<C>): C {
    // The one cast of the store: a name is only ever written through its table, so it holds that table's type.
    return (this.tables.get(table.name) as C | undefined) ?? table.empty
  }
}

export const emptyState: State = new State(new Map())

/**
 * The changes of one write function to the state it was given, made in place on the collections this store's
 * writes own (copied since the state was last seen) and on copies of the others, which it then owns. It is the
 * write's view too: `get` reads what it has written so far.
 */
export class Tx implements View {
  #tables: Map<string, Collection> | undefined

  constructor(
    private readonly base: State,
    private readonly owned: WeakSet<object>
  ) {}

  get<C extends Collection>(table: Table<C>): C {
    return this.#tables === undefined
      ? this.base.get(table)
      : ((this.#tables.get(table.name) as C | undefined) ?? table.empty)
  }

  /** `table` with `key` set to `value`. */
  set<K, V>(table: Table<ReadonlyMap<K, V>>, key: K, value: V): void {
    this.#map(table).set(key, value)
  }

  /** `table` without `key` (nothing copied when it has no such key; an emptied table is dropped). */
  delete<K, V>(table: Table<ReadonlyMap<K, V>>, key: K): void {
    if (!this.get(table).has(key)) return
    const rows = this.#map(table)
    rows.delete(key)
    if (rows.size === 0) this.#tablesForWrite().delete(table.name)
  }

  /** `table` with `items` appended. */
  append<A>(table: Table<ReadonlyArray<A>>, items: ReadonlyArray<A>): void {
    if (items.length === 0) return
    const rows = this.#mutable(table, (current) => [...current]) as Array<A>
    for (const item of items) rows.push(item)
  }

  /** The state after the write: the one it was given when it changed nothing. */
  commit(): State {
    return this.#tables === undefined ? this.base : new State(this.#tables)
  }

  #map<K, V>(table: Table<ReadonlyMap<K, V>>): Map<K, V> {
    return this.#mutable(table, (current) => new Map(current)) as Map<K, V>
  }

  #mutable<C extends Collection>(table: Table<C>, copy: (current: C) => C): C {
    const tables = this.#tablesForWrite()
    const current = (tables.get(table.name) as C | undefined) ?? table.empty
    if (this.owned.has(current)) return current
    const next = copy(current)
    this.owned.add(next)
    tables.set(table.name, next)
    return next
  }

  #tablesForWrite(): Map<string, Collection> {
    if (this.#tables === undefined) {
      const tables = this.base.tables as Map<string, Collection>
      if (this.owned.has(tables)) this.#tables = tables
      else {
        this.#tables = new Map(tables)
        this.owned.add(this.#tables)
      }
    }
    return this.#tables
  }
}

/** The outcome of a write: a value, or a typed failure that leaves the state unchanged. */
export type Write<A, E> = { readonly value: A } | { readonly error: E }

type ValueOf<W> = W extends { readonly value: infer A } ? A : never
type ErrorOf<W> = W extends { readonly error: infer E } ? E : never

export const ok = <A>(value: A): Write<A, never> => ({ value })
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
     * Runs `f` on the current state and stores what it changed through `tx` (its first argument is `tx` too, as
     * the view of the state it reads: it sees the write's own changes). `f` changes collections only through
     * `tx`, decides to fail before it changes anything (its changes may already be in place), and never returns
     * a collection of the state as its value (it may change that collection in place later).
     */
    readonly write: <W extends Write<unknown, unknown>>(
      f: (state: View, tx: Tx) => W
    ) => Effect.Effect<ValueOf<W>, ErrorOf<W>>
    readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
    /** The whole state, for assertions in tests. */
    readonly snapshot: Effect.Effect<State>
    /** Puts back a state seen earlier (a test's baseline). */
    readonly restore: (state: State) => Effect.Effect<void>
  }
>()("@gatehouse/testkit/MemoryStore") {
  static readonly make = (initial: State = emptyState): Effect.Effect<MemoryStore["Service"]> =>
    Effect.gen(function* () {
      const ref = yield* Ref.make(initial)
      const lock = yield* Semaphore.make(1)
      const identity = {}
      // The collections (and table maps) this store's writes copied since the state was last seen: nobody else
      // holds them, so later writes may change them in place. Each write's `Tx` is handed this set, explicitly.
      // Whatever sees the state (a read, a snapshot, a transaction's rollback point) starts a new set: from then
      // on the first change of each collection copies it again.
      let owned = new WeakSet<object>()
      const seen = (state: State): State => {
        owned = new WeakSet()
        return state
      }
      const current = Effect.map(Ref.get(ref), seen)
      const exclusive = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
        Effect.flatMap(OpenTransactions, (open) => (open.has(identity) ? effect : lock.withPermit(effect)))

      const read = <A>(f: (state: State) => A) => exclusive(Effect.map(current, f))
      const write = <W extends Write<unknown, unknown>>(f: (state: View, tx: Tx) => W) =>
        exclusive(
          Effect.flatMap(Ref.get(ref), (state) => {
            const tx = new Tx(state, owned)
            const result = f(tx, tx)
            if ("error" in result) return Effect.fail(result.error as ErrorOf<W>)
            return Effect.as(Ref.set(ref, tx.commit()), result.value as ValueOf<W>)
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
      const restore = (state: State) => exclusive(Ref.set(ref, seen(state)))
      return MemoryStore.of({ read, write, transaction, snapshot: exclusive(current), restore })
    })

  /** A fresh, empty store each time the layer is built. */
  static readonly layer: Layer.Layer<MemoryStore> = Layer.effect(MemoryStore, MemoryStore.make())
}
