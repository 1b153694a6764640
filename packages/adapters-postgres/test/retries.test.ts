import { assert, describe, it } from "@effect/vitest"
import { StoreUnavailable } from "@gatehouse/domain"
import { Cause, Clock, Duration, Effect, Exit, Pull, Random, Schedule } from "effect"
import { MAX_ATTEMPTS, retrySchedule } from "../src/Database.ts"
import {
  type Connection,
  Deadlock,
  type Driver,
  makeDatabase,
  OtherSqlFailure,
  SerializationFailure,
  UniqueViolation
} from "../src/index.ts"

const sqlError = (code: string, message: string) => Object.assign(new Error(message), { code })
const conflict = () => sqlError("40001", "could not serialize access due to concurrent update")

/**
 * A driver whose n-th session (one per attempt) fails its statements with `failures(n)` (none when it answers
 * `undefined`); ROLLBACK and COMMIT always succeed. Records when each session was opened.
 */
const scriptedDriver = (failures: (attempt: number) => unknown) => {
  const opened: Array<number> = []
  const driver: Driver = {
    kind: "pg",
    connect: async () => {
      const attempt = opened.push(performance.now())
      const failure = failures(attempt)
      const run = async () => {
        if (failure !== undefined) throw failure
        return { rows: [{ attempt }], rowCount: 1 }
      }
      const connection: Connection = {
        query: async () => ({ rows: [], rowCount: 0 }),
        pipeline: run as Connection["pipeline"],
        release: () => undefined
      }
      return connection
    },
    listen: () => Promise.reject(new Error("no LISTEN here")),
    close: async () => undefined
  }
  return { driver, opened }
}

/** One statement in a transaction on `driver`: the attempt that answered it. */
const oneStatement = (driver: Driver) => {
  const db = makeDatabase(driver)
  return db.transaction(
    Effect.map(db.query<{ attempt: number }>(null, "SELECT 1"), (rows) => rows[0]!.attempt)
  )
}

const defectOf = (exit: Exit.Exit<unknown, unknown>) => {
  assert.isTrue(Exit.isFailure(exit), "the transaction failed")
  if (Exit.isSuccess(exit)) return undefined
  assert.isTrue(Cause.hasDies(exit.cause), `a defect: ${Cause.pretty(exit.cause)}`)
  return Cause.squash(exit.cause)
}

describe("the Transactor's retries", () => {
  it.live(
    "a conflict on every attempt: MAX_ATTEMPTS (5) attempts, then a defect with the last conflict",
    () =>
      Effect.gen(function* () {
        assert.strictEqual(MAX_ATTEMPTS, 5)
        for (const failure of [conflict, () => sqlError("40P01", "deadlock detected")]) {
          const { driver, opened } = scriptedDriver(() => failure())
          const defect = defectOf(yield* Effect.exit(oneStatement(driver)))
          assert.oneOf((defect as { constructor: unknown }).constructor, [SerializationFailure, Deadlock])
          assert.strictEqual(opened.length, 5)
        }
      })
  )

  it.live("two conflicts, then the third attempt commits and its result is the transaction's", () =>
    Effect.gen(function* () {
      const { driver, opened } = scriptedDriver((attempt) => (attempt <= 2 ? conflict() : undefined))
      assert.strictEqual(yield* oneStatement(driver), 3)
      assert.strictEqual(opened.length, 3)
    })
  )

  it.live("it waits between attempts: at least 4, 8, 16 and 32 ms, doubling", () =>
    Effect.gen(function* () {
      const { driver, opened } = scriptedDriver(conflict)
      yield* Effect.exit(oneStatement(driver))
      const waits = opened.slice(1).map((at, i) => at - opened[i]!)
      assert.strictEqual(waits.length, 4)
      // a timer may fire up to a millisecond early; the jitter only adds
      for (const [i, wait] of waits.entries())
        assert.isAtLeast(wait, 4 * 2 ** i - 1, `wait ${i + 1}: ${waits.join(", ")}`)
    })
  )

  it.live("a failure that is not a conflict is not retried: one attempt", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [unknown, (exit: Exit.Exit<unknown, unknown>) => void]> = [
        [sqlError("23505", "duplicate key"), (exit) => assert.instanceOf(defectOf(exit), UniqueViolation)],
        [
          sqlError("42P01", 'relation "nope" does not exist'),
          (exit) => assert.instanceOf(defectOf(exit), OtherSqlFailure)
        ],
        [
          sqlError("57P01", "terminating connection due to administrator command"),
          (exit) => {
            assert.isTrue(Exit.isFailure(exit))
            if (Exit.isFailure(exit)) assert.instanceOf(Cause.squash(exit.cause), StoreUnavailable)
          }
        ]
      ]
      for (const [failure, check] of cases) {
        const { driver, opened } = scriptedDriver(() => failure)
        check(yield* Effect.exit(oneStatement(driver)))
        assert.strictEqual(opened.length, 1, String(failure))
      }
      // nor is a typed failure of the use case itself
      const { driver, opened } = scriptedDriver(() => undefined)
      const exit = yield* Effect.exit(makeDatabase(driver).transaction(Effect.fail("Forbidden")))
      assert.deepStrictEqual(exit, Exit.fail("Forbidden"))
      assert.isAtMost(opened.length, 1)
    })
  )

  // it.effect runs on a TestClock nobody moves: the retries must still run (the waits are on the live Clock)
  // while the transaction's own effect keeps the TestClock.
  it.effect(
    "on a TestClock the retries still run, and the transaction's effect still reads the TestClock",
    () =>
      Effect.gen(function* () {
        const { driver, opened } = scriptedDriver((attempt) => (attempt <= 2 ? conflict() : undefined))
        const db = makeDatabase(driver)
        const seen = yield* db.transaction(
          Effect.andThen(db.query(null, "SELECT 1"), Clock.currentTimeMillis)
        )
        assert.strictEqual(seen, 0, "the TestClock, unmoved")
        assert.strictEqual(opened.length, 3)
      }),
    5_000
  )
})

describe("retrySchedule", () => {
  /** The delays the schedule answers, in ms, until it is done, with Random answering `random`. */
  const delays = (random: number) =>
    Effect.gen(function* () {
      const step = yield* Schedule.toStep(retrySchedule)
      const answered: Array<number> = []
      for (let i = 0; i < 10; i++) {
        const exit = yield* Effect.exit(step(0, undefined))
        if (Exit.isFailure(exit)) {
          assert.isTrue(Pull.isDoneCause(exit.cause), "the schedule ends, it does not fail")
          break
        }
        answered.push(Duration.toMillis(exit.value[1]))
      }
      return answered
    }).pipe(
      Effect.provideService(Random.Random, {
        nextDoubleUnsafe: () => random,
        nextIntUnsafe: () => Math.floor(random * Number.MAX_SAFE_INTEGER)
      })
    )

  it.effect("MAX_ATTEMPTS - 1 waits: 4, 8, 16, 32 ms, each plus up to 20 ms of jitter", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* delays(0), [4, 8, 16, 32])
      assert.deepStrictEqual(yield* delays(0.5), [14, 18, 26, 42])
      const most = yield* delays(0.999)
      assert.strictEqual(most.length, MAX_ATTEMPTS - 1)
      for (const [i, delay] of most.entries()) assert.closeTo(delay, 4 * 2 ** i + 19.98, 0.001)
    })
  )
})
