import { assert, describe, it } from "@effect/vitest"
import { Data, Effect } from "effect"
import fc from "fast-check"
import { appendIn, MemoryStore, ok, type State, setIn, table, withTable } from "../src/memory/MemoryStore.ts"

class Boom extends Data.TaggedError("Boom")<{}> {}

type Rows = ReadonlyMap<string, number>
type Log = ReadonlyArray<number>
const rows = (s: State): Rows => table<Rows>(s, "rows", new Map())
const log = (s: State): Log => table<Log>(s, "log", [])

/** One thing done to the store: writes (outside or inside a transaction) and every way of seeing its state. */
type Step =
  | { readonly _tag: "set"; readonly key: string; readonly value: number }
  | { readonly _tag: "remove"; readonly key: string }
  | { readonly _tag: "append"; readonly value: number }
  | { readonly _tag: "snapshot" }
  | { readonly _tag: "readLog" }
  | { readonly _tag: "transaction"; readonly steps: ReadonlyArray<Step>; readonly fails: boolean }

const key = fc.constantFrom("a", "b", "c", "d")
const simple: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ _tag: fc.constant("set" as const), key, value: fc.integer() }),
  fc.record({ _tag: fc.constant("remove" as const), key }),
  fc.record({ _tag: fc.constant("append" as const), value: fc.integer() }),
  fc.constant({ _tag: "snapshot" as const }),
  fc.constant({ _tag: "readLog" as const })
)
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: simple },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant("transaction" as const),
      steps: fc.array(simple, { maxLength: 8 }),
      fails: fc.boolean()
    })
  }
)

/** The model: plain copies, as the store behaved before it learnt to change its own copies in place. */
interface Model {
  rows: Map<string, number>
  log: Array<number>
}

/** Something seen, and what it held when it was seen. */
interface Seen {
  readonly rows: Rows | undefined
  readonly log: Log | undefined
  readonly expectedRows: ReadonlyArray<readonly [string, number]> | undefined
  readonly expectedLog: ReadonlyArray<number> | undefined
}

const run = (steps: ReadonlyArray<Step>) =>
  Effect.gen(function* () {
    const store = yield* MemoryStore
    let model: Model = { rows: new Map(), log: [] }
    const seen: Array<Seen> = []
    const apply = (s: Step): Effect.Effect<void, Boom> => {
      switch (s._tag) {
        case "set":
          model.rows.set(s.key, s.value)
          return store.write((st) => ok(undefined, withTable(st, "rows", setIn(rows(st), s.key, s.value))))
        case "remove":
          model.rows.delete(s.key)
          return store.write((st) => ok(undefined, withTable(st, "rows", setIn(rows(st), s.key, undefined))))
        case "append":
          model.log.push(s.value)
          return store.write((st) => ok(undefined, withTable(st, "log", appendIn(log(st), [s.value]))))
        case "snapshot":
          return Effect.map(store.snapshot, (st) => {
            seen.push({
              rows: rows(st),
              log: log(st),
              expectedRows: [...model.rows],
              expectedLog: [...model.log]
            })
          })
        case "readLog":
          return Effect.map(
            store.read((st) => log(st)),
            (l) => {
              seen.push({ rows: undefined, log: l, expectedRows: undefined, expectedLog: [...model.log] })
            }
          )
        case "transaction": {
          const before: Model = { rows: new Map(model.rows), log: [...model.log] }
          return store
            .transaction(
              Effect.gen(function* () {
                for (const inner of s.steps) yield* apply(inner)
                if (s.fails) return yield* new Boom()
              })
            )
            .pipe(
              Effect.catchTag("Boom", () =>
                Effect.sync(() => {
                  model = before
                })
              )
            )
        }
      }
    }
    for (const s of steps) yield* apply(s)
    const final = yield* store.snapshot
    assert.deepStrictEqual([...rows(final)], [...model.rows], "the store holds what the model holds")
    assert.deepStrictEqual([...log(final)], model.log)
    for (const [i, s] of seen.entries()) {
      if (s.rows !== undefined)
        assert.deepStrictEqual([...s.rows], s.expectedRows, `seen #${i} changed later`)
      if (s.log !== undefined) assert.deepStrictEqual([...s.log], s.expectedLog, `seen #${i} changed later`)
    }
  })

describe("MemoryStore: writes change their own copies in place, never what anyone has seen", () => {
  it("every snapshot, read and rollback point stays as it was seen; the state follows the model", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), (steps) =>
        Effect.runPromise(run(steps).pipe(Effect.provide(MemoryStore.layer)))
      ),
      { numRuns: 300 }
    )
  })
})
