import { assert, describe, it } from "@effect/vitest"
import { createUser, Email, type RoleName, UserRepository } from "@gatehouse/domain"
import { arbitraries, layerMemory, seedTenant } from "@gatehouse/testkit"
import { Cause, Effect, Exit, Layer, Option, Schema } from "effect"
import fc from "fast-check"

const decodeEmail = Schema.decodeUnknownSync(Email)

describe("email uniqueness (rule 6) at the use-case level, as a property", () => {
  it("however an address is cased and padded, creating users with every spelling makes exactly one", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraries.emailWithSpellings({ minSpellings: 2, maxSpellings: 6 }),
        fc.boolean(),
        async ({ email, spellings }, concurrently) => {
          const program = Effect.gen(function* () {
            const { tenant, adminActor } = yield* seedTenant()
            // The client's input is decoded with the domain Schema first, as the HTTP adapter does.
            const attempts = spellings.map((spelling) =>
              Effect.exit(
                createUser(adminActor, {
                  email: decodeEmail(spelling),
                  firstName: "Same",
                  lastName: "Person",
                  role: "Regular" as RoleName,
                  credential: { _tag: "Generate" }
                })
              )
            )
            // Sequentially, and at once: the store, not a check-then-insert, keeps the address unique.
            const exits = yield* Effect.all(attempts, { concurrency: concurrently ? "unbounded" : 1 })
            const tags = exits.map((exit) =>
              Exit.isSuccess(exit)
                ? "created"
                : Option.match(Cause.findErrorOption(exit.cause), {
                    onNone: () => `died: ${Cause.pretty(exit.cause)}`,
                    onSome: (error) => (error as { readonly _tag: string })._tag
                  })
            )
            assert.strictEqual(tags.filter((t) => t === "created").length, 1, `outcomes: ${tags}`)
            assert.deepStrictEqual(
              tags.filter((t) => t !== "created"),
              Array.from({ length: spellings.length - 1 }, () => "EmailTaken")
            )
            const stored = yield* (yield* UserRepository).list(tenant.id, { sort: "email", limit: 100 })
            const matching = stored.items.filter((u) => u.email.toLowerCase() === email)
            assert.strictEqual(matching.length, 1)
            assert.strictEqual(matching[0]!.email, email)
          })
          await Effect.runPromise(program.pipe(Effect.provide(Layer.fresh(layerMemory))))
        }
      ),
      { numRuns: 200 }
    )
  })
})
