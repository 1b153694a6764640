import { assert, describe, it } from "@effect/vitest"
import { Data, Effect } from "effect"
import fc from "fast-check"
import { fail, listTable, MemoryStore, mapTable, ok } from "../src/memory/MemoryStore.ts"

class Boom extends Data.TaggedError("Boom")<{}> {}

const Rows = mapTable<string, number>("rows")
const Log = listTable<number>("log")
type Rows = ReadonlyMap<string, number>
type Log = ReadonlyArray<number>

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
          return store.write((_, tx) => {
            tx.set(Rows, s.key, s.value)
            return ok(undefined)
          })
        case "remove":
          model.rows.delete(s.key)
          return store.write((_, tx) => {
            tx.delete(Rows, s.key)
            return ok(undefined)
          })
        case "append":
          model.log.push(s.value)
          return store.write((_, tx) => {
            tx.append(Log, [s.value])
            return ok(undefined)
          })
        case "snapshot":
          return Effect.map(store.snapshot, (st) => {
            seen.push({
              rows: st.get(Rows),
              log: st.get(Log),
              expectedRows: [...model.rows],
              expectedLog: [...model.log]
            })
          })
        case "readLog":
          return Effect.map(
            store.read((st) => st.get(Log)),
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
    assert.deepStrictEqual([...final.get(Rows)], [...model.rows], "the store holds what the model holds")
    assert.deepStrictEqual([...final.get(Log)], model.log)
    // A table is absent rather than empty: equal contents, deeply equal states.
    assert.strictEqual(final.tables.has("rows"), model.rows.size > 0)
    assert.strictEqual(final.tables.has("log"), model.log.length > 0)
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

describe("MemoryStore: one typed table abstraction, written through the write's own Tx", () => {
  it("a write reads its own changes; changing nothing keeps the state; a failed write stores nothing", async () => {
    const program = Effect.gen(function* () {
      const store = yield* MemoryStore
      const seen = yield* store.write((state, tx) => {
        tx.set(Rows, "a", 1)
        tx.append(Log, [7])
        return ok([state.get(Rows).get("a"), state.get(Log).length])
      })
      assert.deepStrictEqual(seen, [1, 1])
      const before = yield* store.snapshot
      yield* store.write((_, tx) => {
        tx.delete(Rows, "absent")
        tx.append(Log, [])
        return ok(undefined)
      })
      assert.strictEqual(yield* store.snapshot, before, "no change, the very same state")
      const failed = yield* Effect.flip(
        store.write((state) => (state.get(Rows).has("a") ? fail(new Boom()) : ok(undefined)))
      )
      assert.strictEqual(failed._tag, "Boom")
      assert.strictEqual(yield* store.snapshot, before)
      yield* store.write((_, tx) => {
        tx.delete(Rows, "a")
        return ok(undefined)
      })
      assert.isFalse((yield* store.snapshot).tables.has("rows"), "an emptied table goes")
    })
    await Effect.runPromise(program.pipe(Effect.provide(MemoryStore.layer)))
  })
})
