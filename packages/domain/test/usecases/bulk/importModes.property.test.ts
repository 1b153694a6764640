import { assert, describe, it } from "@effect/vitest"
import { importUsers, UserRepository } from "@gatehouse/domain"
import { layerMemory, seedTenant } from "@gatehouse/testkit"
import { Effect, Layer } from "effect"
import fc from "fast-check"
import { snapshot } from "../users/support.ts"

/** Rows over a small pool of emails (spelt in random casing) and a mix of good and bad values. */
const rows = fc.array(
  fc.record({
    Email: fc
      .tuple(fc.constantFrom("ann", "bob", "cy", "dee", "bad address"), fc.boolean())
      .map(([name, upper]) => {
        const address = name.includes(" ") ? name : `${name}@example.com`
        return upper ? address.toUpperCase() : address
      }),
    "First name": fc.constantFrom("Ann", "Bob", ""),
    "Last name": fc.constantFrom("Lee", "Fox"),
    Role: fc.constantFrom("General", "Admin", "Nope")
  }),
  { maxLength: 12 }
)

const emailOf = (row: { readonly Email: string }) => row.Email.trim().toLowerCase()

describe("importUsers modes, as a property", () => {
  it("a dry run predicts the report; partial stores exactly the rows not reported; all stores all or nothing", async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (source) => {
        const program = Effect.gen(function* () {
          const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
          const users = yield* UserRepository
          const count = Effect.map(users.list(tenant.id, { sort: "email", limit: 1 }), (page) => page.total)
          const before = yield* snapshot

          const all = yield* Effect.result(importUsers(adminActor, source))
          if (all._tag === "Success") {
            assert.strictEqual(all.success.failedRows, 0)
            assert.strictEqual(all.success.created, source.length)
            return
          }
          assert.strictEqual(all.failure._tag, "ImportFailed")
          assert.deepStrictEqual(yield* snapshot, before)
          const failedAll = all.failure._tag === "ImportFailed" ? all.failure.report : undefined
          assert.isTrue((failedAll?.failedRows ?? 0) > 0)

          const predicted = yield* importUsers(adminActor, source, { dryRun: true, mode: "partial" })
          const partial = yield* importUsers(adminActor, source, { mode: "partial" })
          assert.deepStrictEqual(
            { ...predicted, dryRun: false, emailsSent: predicted.created },
            { ...partial, emailsFailed: 0 }
          )
          assert.deepStrictEqual(failedAll?.failed, partial.failed)
          const failedRows = new Set(partial.failed.map((f) => f.row))
          const expected = source.filter((_, i) => !failedRows.has(i + 1)).map(emailOf)
          assert.strictEqual(new Set(expected).size, expected.length, "no two stored rows share an email")
          assert.strictEqual(yield* count, 1 + expected.length)
          for (const email of expected) {
            const found = yield* users.findByEmail(tenant.id, email as never)
            assert.strictEqual(found._tag, "Some", `${email} is stored`)
          }
        })
        await Effect.runPromise(program.pipe(Effect.provide(Layer.fresh(layerMemory))))
      }),
      { numRuns: 60 }
    )
  })
})
