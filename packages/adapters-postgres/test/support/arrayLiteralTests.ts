import { assert, type Vitest } from "@effect/vitest"
import { Effect } from "effect"
import fc from "fast-check"
import { Database, type Repositories } from "../../src/index.ts"
import { booleanArray, instantArray, integerArray, textArray } from "../../src/repositories/arrayLiteral.ts"

type AdapterIt = Vitest.MethodsNonLive<Repositories | Database>

// Any text PostgreSQL can hold (no NUL), with the characters array syntax cares about made frequent.
const tricky = fc.constantFrom('"', "\\", ",", "{", "}", " ", "NULL", "null", "'", "\n", "é", "😀")
const anyText = fc
  .array(fc.oneof(tricky, fc.string({ unit: "grapheme", maxLength: 6 })), { maxLength: 5 })
  .map((parts) => parts.join("").replaceAll("\u0000", ""))

/** The bulk insert's hand-built array literals, parsed by the store itself. */
export const arrayLiteralTests = (it: AdapterIt): void => {
  it.effect("array literals: the store reads back exactly the text, instants, flags and integers given", () =>
    Effect.gen(function* () {
      const db = yield* Database
      const roundTrip = <A>(sql: string, literal: string) =>
        Effect.runPromise(db.query<{ value: A }>(null, `SELECT ${sql} AS value`, [literal])).then(
          (rows) => rows[0]!.value
        )
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(fc.array(fc.option(anyText, { nil: null }), { maxLength: 8 }), async (values) => {
            assert.deepStrictEqual(await roundTrip("$1::text[]", textArray(values)), values)
          }),
          { numRuns: 100 }
        )
      )
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(
            fc.array(fc.option(anyText, { nil: null }), { maxLength: 4 }),
            fc.array(
              fc.option(
                fc.date({ min: new Date("1970-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }),
                {
                  nil: null
                }
              ),
              { maxLength: 6 }
            ),
            fc.array(fc.boolean(), { maxLength: 6 }),
            fc.array(fc.integer(), { maxLength: 6 }),
            async (permissions, instants, flags, integers) => {
              // Nested, as module permissions travel: an array literal per element, cast per row.
              const nested = await roundTrip("(($1::text[])[1])::text[]", textArray([textArray(permissions)]))
              assert.deepStrictEqual(nested, permissions)
              assert.deepStrictEqual(await roundTrip("$1::timestamptz[]", instantArray(instants)), instants)
              assert.deepStrictEqual(await roundTrip("$1::boolean[]", booleanArray(flags)), flags)
              assert.deepStrictEqual(await roundTrip("$1::int[]", integerArray(integers)), integers)
            }
          ),
          { numRuns: 100 }
        )
      )
    })
  )
}
