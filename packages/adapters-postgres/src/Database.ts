import { StoreUnavailable, type TransactionOptions } from "@gatehouse/domain"
import { type Cause, Clock, Context, Effect, Exit, Pull, Random, Schedule } from "effect"
import type { Connection, Driver, Statement } from "./driver/Driver.ts"
import { isSqlFailure, type SqlFailure, toSqlFailure, UniqueViolation } from "./SqlFailure.ts"

/** The transaction a fiber runs inside: its session, and the tenant its policies currently admit. */
interface TransactionHandle {
  readonly driver: Driver
  readonly connection: Connection
  /** The value of `app.tenant_id` set in this transaction (set again only when it changes). */
  tenant: string | null
  /**
   * Whether BEGIN has been sent. It is sent lazily, with the first statement's tenant setting when it can be,
   * so a transaction costs one round trip less (and one without any statement costs none).
   */
  begun: boolean
  /**
   * Declared `mostlyReads`: a `read` that comes before BEGIN runs in a read-only transaction of its own, in one
   * round trip, and the transaction stays unbegun.
   */
  readonly readsAlone: boolean
  /**
   * `write`s not sent yet (with the BEGIN and tenant settings that precede them): they travel in the same write
   * as the transaction's next statement, or as its COMMIT, so a run of writes costs no round trip of its own.
   */
  pending: Array<Statement>
  /** Statements of one transaction run one at a time, also when fibers of the use case run concurrently. */
  tail: Promise<unknown>
}

/**
 * The current fiber's transaction. Fiber-local: forked fibers inherit it, so the repositories called inside
 * `withTransaction` find the session without any parameter, and a nested `withTransaction` joins.
 */
const CurrentTransaction = Context.Reference<TransactionHandle | undefined>(
  "@gatehouse/adapters-postgres/CurrentTransaction",
  { defaultValue: () => undefined }
)

/** A unique violation is mapped to this typed conflict, or is a defect when `undefined`. */
export type OnUnique<E> = (constraint: string | undefined) => E | undefined

/**
 * The query interface the repositories use. Every statement names the tenant whose rows it touches (`null` for
 * the global tables): the transaction sets `app.tenant_id` to it, which is what the row-level security
 * policies admit.
 */
export class Database extends Context.Service<
  Database,
  {
    readonly driver: Driver
    /**
     * Runs `effect` in one transaction (joins the current one, whose options then hold); see the Transactor
     * port for guarantees.
     */
    readonly transaction: <A, E, R>(
      effect: Effect.Effect<A, E, R>,
      options?: TransactionOptions
    ) => Effect.Effect<A, E | StoreUnavailable, R>
    /** One statement; any failure is a defect (the Transactor turns a lost session into StoreUnavailable). */
    readonly query: <Row = Record<string, unknown>>(
      tenantId: string | null,
      sql: string,
      params?: ReadonlyArray<unknown>
    ) => Effect.Effect<ReadonlyArray<Row>>
    /**
     * A plain read that names no tenant: one SELECT that takes no lock and calls nothing that writes (e.g. a
     * SECURITY DEFINER lookup by id). Sent alone, without BEGIN, while the current transaction has sent nothing
     * yet (or outside any transaction): under READ COMMITTED every statement reads a snapshot of its own
     * anyway, so it sees what it would have seen as the transaction's first statement, and a transaction that
     * sends nothing else sends no BEGIN or COMMIT at all (the session check of every request: one statement,
     * one round trip). Once the transaction has begun, it runs inside it and sees its writes.
     */
    readonly plainRead: <Row = Record<string, unknown>>(
      sql: string,
      params?: ReadonlyArray<unknown>
    ) => Effect.Effect<ReadonlyArray<Row>>
    /**
     * A read under the tenant's policies: one SELECT that takes no lock and writes nothing. In a transaction
     * declared `mostlyReads` that has sent nothing yet (or outside any transaction) it runs in a read-only
     * transaction of its own, sent in one write and one round trip: `BEGIN READ ONLY` with the tenant setting,
     * the statement, `COMMIT`. As for `plainRead`, READ COMMITTED makes that the snapshot the transaction's
     * first statement would have read, and the transaction still has sent nothing (a read route's transaction
     * sends no BEGIN or COMMIT of its own). A statement that writes fails there (READ ONLY) and changes
     * nothing. Otherwise (the transaction has begun, or is not declared `mostlyReads`) it runs inside the
     * transaction as any statement and sees its writes.
     */
    readonly read: <Row = Record<string, unknown>>(
      tenantId: string,
      sql: string,
      params?: ReadonlyArray<unknown>
    ) => Effect.Effect<ReadonlyArray<Row>>
    /**
     * A write whose answer nobody waits for (no rows, no row count; any failure is a defect, as for `query`):
     * it is queued and sent in the same write as the transaction's next statement, or as its COMMIT (pipelined:
     * no round trip of its own). A failure then fails that statement or the COMMIT, so the transaction still
     * rolls back as a whole. Later statements of the transaction see it (it is sent before them); nothing
     * outside the transaction sees it before the COMMIT, as for any write. Outside a transaction: BEGIN, the
     * statement and COMMIT in one round trip. Not for a statement whose violation is an answer (`guarded`).
     */
    readonly write: (
      tenantId: string | null,
      sql: string,
      params?: ReadonlyArray<unknown>
    ) => Effect.Effect<void>
    /**
     * Runs `effect` all or nothing: under a savepoint inside a transaction (a failure undoes its writes only
     * and leaves the transaction usable), in a transaction of its own otherwise.
     */
    readonly atomic: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
    /**
     * One statement that may violate a unique constraint. The violation fails with the conflict `onUnique`
     * names and, inside a transaction, leaves the transaction usable (the statement runs under a savepoint).
     */
    readonly guarded: <E, Row = Record<string, unknown>>(
      tenantId: string | null,
      sql: string,
      params: ReadonlyArray<unknown>,
      onUnique: OnUnique<E>
    ) => Effect.Effect<ReadonlyArray<Row>, E>
  }
>()("@gatehouse/adapters-postgres/Database") {}

const SET_TENANT = "SELECT set_config('app.tenant_id', $1, true)"
/**
 * A tenant id that may be written into SQL text: exactly a canonical UUID (hex and dashes only), so BEGIN and
 * the first tenant setting travel as one simple-protocol query. Anything else is sent as a parameter.
 */
const INLINE_TENANT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Attempts of a transaction that keeps losing serialization conflicts or deadlocks, the first included. */
export const MAX_ATTEMPTS = 5

/**
 * The waits between the attempts of a transaction that lost a conflict (its failure is `retryable`): 4, 8, 16,
 * 32 ms, each plus up to 20 ms at random (Effect's `Random`), so that the transactions that collided do not
 * collide again in step; `MAX_ATTEMPTS - 1` of them at most.
 */
export const retrySchedule = Schedule.exponential("4 millis").pipe(
  Schedule.addDelay(() => Random.nextBetween(0, 20)),
  Schedule.upTo({ times: MAX_ATTEMPTS - 1 })
)

/**
 * The Clock the waits of `retrySchedule` run on: the live one, deliberately, whatever Clock the caller's fiber
 * has. A wait lets another session on the database finish, which only real time does; a test's TestClock
 * (`it.effect` provides one, and the webhook contract moves it by hand) would stall the retry until the test
 * times out. The transaction's own effect keeps the caller's Clock.
 */
const retryClock: Clock.Clock = Clock.Clock.defaultValue()

/** Marks an attempt that lost a serialization conflict or a deadlock: the whole transaction runs again. */
class RetrySignal {
  constructor(readonly failure: SqlFailure) {}
}

const exclusive = <A>(handle: TransactionHandle, f: () => Promise<A>): Promise<A> => {
  const run = handle.tail.then(f, f)
  handle.tail = run.then(
    () => undefined,
    () => undefined
  )
  return run
}

/**
 * `begin` (BEGIN, or BEGIN READ ONLY) with the tenant setting: in one simple query when `tenantId` is a UUID,
 * else followed by the setting as a parameter.
 */
const beginWith = (begin: string, tenantId: string | null): Array<Statement> => {
  if (tenantId === null) return [{ sql: begin }]
  // Multi-statement simple query (no parameters); the regex is what makes the interpolation safe.
  if (INLINE_TENANT.test(tenantId))
    return [{ sql: `${begin}; SELECT set_config('app.tenant_id', '${tenantId}', true)` }]
  return [{ sql: begin }, { sql: SET_TENANT, params: [tenantId] }]
}

/**
 * The statements that must precede one of the transaction's statements: BEGIN if it has not started yet (with
 * the tenant setting in the same simple query when `tenantId` is a UUID), then the tenant setting if it
 * changes. The handle is updated as if they had run: they run in the same pipeline as the statement, and a
 * failure there fails the statement, which rolls the transaction back.
 */
const preamble = (handle: TransactionHandle, tenantId: string | null): Array<Statement> => {
  if (!handle.begun) {
    handle.begun = true
    handle.tenant = tenantId
    return beginWith("BEGIN", tenantId)
  }
  if (tenantId === null || handle.tenant === tenantId) return []
  handle.tenant = tenantId
  return [{ sql: SET_TENANT, params: [tenantId] }]
}

/** The queued writes, to be sent ahead of the next statement (the queue is emptied). */
const takePending = (handle: TransactionHandle): Array<Statement> => handle.pending.splice(0)

/**
 * Sends BEGIN if the transaction has not started yet (marked begun first: a failure must still roll back),
 * and the queued writes.
 */
const begin = async (handle: TransactionHandle): Promise<void> => {
  const statements = [...takePending(handle), ...preamble(handle, null)]
  if (statements.length > 0) await handle.connection.pipeline(statements)
}

const execute = <Row>(
  handle: TransactionHandle,
  tenantId: string | null,
  sql: string,
  params: ReadonlyArray<unknown> | undefined,
  options: { readonly savepoint: boolean; readonly commit?: boolean }
) =>
  exclusive(handle, async () => {
    const connection = handle.connection
    // BEGIN and the tenant setting go before the savepoint: rolling back to it would also undo the setting.
    const before = [...takePending(handle), ...preamble(handle, tenantId)]
    if (!options.savepoint) {
      // Outside a transaction the statement is the transaction: its COMMIT goes in the same write.
      if (options.commit !== true) return (await connection.pipeline<Row>([...before, { sql, params }])).rows
      const committed = await connection.pipeline<Row>(
        [...before, { sql, params }, { sql: "COMMIT" }],
        before.length
      )
      // Ended; after a failure it stays begun, so the rollback ends it where the COMMIT was not sent (PGlite).
      handle.begun = false
      return committed.rows
    }
    // The queued writes go first, on their own: a failure of theirs must not read as the guarded statement's.
    if (before.length > 0) await connection.pipeline(before)
    const savepoint = { sql: "SAVEPOINT gatehouse_statement" }
    try {
      const result = await connection.pipeline<Row>([savepoint, { sql, params }])
      await connection.query("RELEASE SAVEPOINT gatehouse_statement")
      return result.rows
    } catch (error) {
      await connection.query("ROLLBACK TO SAVEPOINT gatehouse_statement").catch(() => undefined)
      throw error
    }
  })

/**
 * A `plainRead` (`tenantId` null) or a `read`: inside the transaction as any statement once it has begun (or,
 * a `read`, when the transaction is not `readsAlone`); before that, alone (no tenant) or in a read-only
 * transaction of its own sent in one write. Alone, the handle is left as it was: the transaction itself still
 * has sent nothing.
 */
const readFirst = <Row>(
  handle: TransactionHandle,
  tenantId: string | null,
  sql: string,
  params: ReadonlyArray<unknown> | undefined
) =>
  exclusive(handle, async () => {
    const connection = handle.connection
    if (handle.begun || (tenantId !== null && !handle.readsAlone))
      return (
        await connection.pipeline<Row>([
          ...takePending(handle),
          ...preamble(handle, tenantId),
          { sql, params }
        ])
      ).rows
    if (tenantId === null) return (await connection.query<Row>(sql, params)).rows
    const begin = beginWith("BEGIN READ ONLY", tenantId)
    try {
      return (await connection.pipeline<Row>([...begin, { sql, params }, { sql: "COMMIT" }], begin.length))
        .rows
    } catch (error) {
      // Pipelined, the COMMIT ended the failed transaction already; sent in turn, it was never sent.
      await connection.query("ROLLBACK").catch(() => undefined)
      throw error
    }
  })

const sqlFailureIn = (cause: Cause.Cause<unknown>): SqlFailure | undefined => {
  for (const reason of cause.reasons) {
    const value = reason._tag === "Fail" ? reason.error : reason._tag === "Die" ? reason.defect : undefined
    if (isSqlFailure(value) && (value.unavailable || value.retryable)) return value
  }
  return undefined
}

/** What a failed attempt means: StoreUnavailable, another attempt, or the failure as it is. */
const outcome = <E>(cause: Cause.Cause<E>): Effect.Effect<never, E | StoreUnavailable | RetrySignal> => {
  const failure = sqlFailureIn(cause)
  if (failure?.unavailable)
    return Effect.fail(new StoreUnavailable({ message: `The database is unavailable: ${failure.message}` }))
  if (failure?.retryable) return Effect.fail(new RetrySignal(failure))
  return Effect.failCause(cause)
}

const attempt = <T>(f: () => Promise<T>) => Effect.tryPromise({ try: f, catch: toSqlFailure })

/** A failure of the transaction's own statements (connect, BEGIN, COMMIT): classified, else a defect. */
const infrastructure = (
  cause: Cause.Cause<SqlFailure>
): Effect.Effect<never, StoreUnavailable | RetrySignal> =>
  Effect.catch(outcome(cause), (error) =>
    error instanceof StoreUnavailable || error instanceof RetrySignal ? Effect.fail(error) : Effect.die(error)
  )

/**
 * After a first attempt that lost a conflict (`first`): runs `attempt` again after each wait of `retrySchedule`
 * (on `retryClock`) until it ends otherwise; the conflict of the last attempt the schedule allows is a defect.
 */
const retryAfter = <A, E, R>(
  attempt: Effect.Effect<A, E | RetrySignal, R>,
  first: RetrySignal
): Effect.Effect<A, E, R> =>
  Effect.flatMap(
    Effect.provideService(Schedule.toStepWithSleep(retrySchedule), Clock.Clock, retryClock),
    (wait) => {
      const again = (signal: RetrySignal): Effect.Effect<A, E, R> => {
        const waited: Pull.Pull<unknown, never, unknown> = Effect.provideService(
          wait(signal),
          Clock.Clock,
          retryClock
        )
        return Pull.matchEffect(waited, {
          onSuccess: () =>
            Effect.catch(attempt, (error) =>
              error instanceof RetrySignal ? again(error) : Effect.fail(error)
            ),
          onFailure: Effect.failCause,
          onDone: () => Effect.die(signal.failure)
        })
      }
      return again(first)
    }
  )

/** The Database on a driver. */
export const makeDatabase = (driver: Driver): Database["Service"] => {
  const rollback = (handle: TransactionHandle) =>
    Effect.promise(() =>
      exclusive(handle, async () => {
        handle.pending = []
        if (handle.begun) await handle.connection.query("ROLLBACK")
      }).then(
        () => handle.connection.release(),
        () => handle.connection.release({ broken: true })
      )
    )

  const once = <A, E, R>(effect: Effect.Effect<A, E, R>, options: TransactionOptions | undefined) =>
    Effect.uninterruptibleMask((restore) =>
      Effect.gen(function* () {
        const connected = yield* Effect.exit(attempt(() => driver.connect()))
        if (Exit.isFailure(connected)) return yield* infrastructure(connected.cause)
        const connection = connected.value
        const handle: TransactionHandle = {
          driver,
          connection,
          tenant: null,
          begun: false,
          readsAlone: options?.mostlyReads === true,
          pending: [],
          tail: Promise.resolve()
        }
        const exit = yield* Effect.exit(restore(Effect.provideService(effect, CurrentTransaction, handle)))
        if (Exit.isFailure(exit)) {
          yield* rollback(handle)
          return yield* outcome(exit.cause)
        }
        const committed = yield* Effect.exit(
          attempt(() =>
            exclusive(handle, async () => {
              // the queued writes travel with the COMMIT; a failure among them ends the transaction unapplied
              if (handle.begun) await connection.pipeline([...takePending(handle), { sql: "COMMIT" }])
            })
          )
        )
        if (Exit.isFailure(committed)) {
          yield* rollback(handle)
          return yield* infrastructure(committed.cause)
        }
        connection.release()
        return exit.value
      })
    )

  // The first attempt runs alone: the schedule is set up only once a conflict asks for another attempt.
  const withRetries = <A, E, R>(
    effect: Effect.Effect<A, E, R>,
    options: TransactionOptions | undefined
  ): Effect.Effect<A, E | StoreUnavailable, R> => {
    const attempt = once(effect, options)
    return Effect.catch(attempt, (error) =>
      error instanceof RetrySignal ? retryAfter(attempt, error) : Effect.fail(error)
    ) as Effect.Effect<A, E | StoreUnavailable, R>
  }

  const transaction = <A, E, R>(
    effect: Effect.Effect<A, E, R>,
    options?: TransactionOptions
  ): Effect.Effect<A, E | StoreUnavailable, R> =>
    Effect.flatMap(CurrentTransaction, (current) =>
      current !== undefined && current.driver === driver ? effect : withRetries(effect, options)
    )

  // Outside a transaction a statement runs in a short one of its own: the tenant setting is transaction-local,
  // so it can never leak to the next user of the pooled session.
  const exec = <Row>(
    tenantId: string | null,
    sql: string,
    params: ReadonlyArray<unknown> | undefined,
    options: { readonly savepoint: boolean; readonly read?: boolean }
  ): Effect.Effect<ReadonlyArray<Row>, SqlFailure | StoreUnavailable> => {
    const run =
      options.read === true
        ? (handle: TransactionHandle) => readFirst<Row>(handle, tenantId, sql, params)
        : (handle: TransactionHandle, inside: boolean) =>
            execute<Row>(handle, tenantId, sql, params, inside ? options : { savepoint: false, commit: true })
    return Effect.flatMap(CurrentTransaction, (current) =>
      current !== undefined && current.driver === driver
        ? attempt(() => run(current, true))
        : transaction(
            Effect.flatMap(CurrentTransaction, (handle) => attempt(() => run(handle!, false))),
            // a read on its own: BEGIN READ ONLY, the read and COMMIT in one round trip
            { mostlyReads: options.read === true }
          )
    )
  }

  const query = <Row = Record<string, unknown>>(
    tenantId: string | null,
    sql: string,
    params?: ReadonlyArray<unknown>
  ): Effect.Effect<ReadonlyArray<Row>> => Effect.orDie(exec<Row>(tenantId, sql, params, { savepoint: false }))

  const plainRead = <Row = Record<string, unknown>>(
    sql: string,
    params?: ReadonlyArray<unknown>
  ): Effect.Effect<ReadonlyArray<Row>> =>
    Effect.orDie(exec<Row>(null, sql, params, { savepoint: false, read: true }))

  const read = <Row = Record<string, unknown>>(
    tenantId: string,
    sql: string,
    params?: ReadonlyArray<unknown>
  ): Effect.Effect<ReadonlyArray<Row>> =>
    Effect.orDie(exec<Row>(tenantId, sql, params, { savepoint: false, read: true }))

  const write = (
    tenantId: string | null,
    sql: string,
    params?: ReadonlyArray<unknown>
  ): Effect.Effect<void> => {
    const queue = (handle: TransactionHandle) =>
      attempt(() =>
        exclusive(handle, async () => {
          handle.pending.push(...preamble(handle, tenantId), { sql, params })
        })
      )
    return Effect.orDie(
      Effect.flatMap(CurrentTransaction, (current) =>
        current !== undefined && current.driver === driver
          ? queue(current)
          : // on its own: queued, then sent with the COMMIT (BEGIN, the statement, COMMIT in one round trip)
            transaction(Effect.flatMap(CurrentTransaction, (handle) => queue(handle!)))
      )
    )
  }

  const guarded = <E, Row = Record<string, unknown>>(
    tenantId: string | null,
    sql: string,
    params: ReadonlyArray<unknown>,
    onUnique: OnUnique<E>
  ): Effect.Effect<ReadonlyArray<Row>, E> =>
    exec<Row>(tenantId, sql, params, { savepoint: true }).pipe(
      Effect.catch((failure): Effect.Effect<never, E> => {
        if (failure instanceof UniqueViolation) {
          const conflict = onUnique(failure.constraint)
          if (conflict !== undefined) return Effect.fail(conflict)
        }
        return Effect.die(failure)
      })
    )

  let savepoints = 0
  const atomic = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(CurrentTransaction, (current) => {
      if (current === undefined || current.driver !== driver)
        return Effect.catch(transaction(effect), (error) =>
          error instanceof StoreUnavailable ? Effect.die(error) : Effect.fail(error as E)
        )
      const name = `gatehouse_atomic_${++savepoints}`
      let tenantBefore: string | null = null
      const run = (f: () => Promise<unknown>) => Effect.orDie(attempt(() => exclusive(current, f)))
      return Effect.uninterruptibleMask((restore) =>
        Effect.gen(function* () {
          yield* run(async () => {
            await begin(current)
            tenantBefore = current.tenant
            await current.connection.query(`SAVEPOINT ${name}`)
          })
          const exit = yield* Effect.exit(restore(effect))
          if (Exit.isSuccess(exit)) {
            // the block's queued writes go before the RELEASE: their failure is the block's
            yield* run(() =>
              current.connection.pipeline([...takePending(current), { sql: `RELEASE SAVEPOINT ${name}` }])
            )
            return exit.value
          }
          // Rolling back to the savepoint also restores the tenant setting of that moment; the block's writes
          // not sent yet are dropped (as the rollback would undo them).
          yield* Effect.ignore(
            run(async () => {
              current.pending = []
              await current.connection.query(`ROLLBACK TO SAVEPOINT ${name}`)
              await current.connection.query(`RELEASE SAVEPOINT ${name}`)
              current.tenant = tenantBefore
            })
          )
          return yield* Effect.failCause(exit.cause)
        })
      )
    })

  return Database.of({ driver, transaction, query, plainRead, read, write, guarded, atomic })
}
