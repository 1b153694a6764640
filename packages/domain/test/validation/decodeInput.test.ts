import { assert, describe, it } from "@effect/vitest"
import { createGroup, createOrganization, InvalidInput, inputDecoder, updateUser } from "@gatehouse/domain"
import { seedTenant } from "@gatehouse/testkit"
import { Effect, Schema } from "effect"
import { provide, snapshot } from "../usecases/memberships/support.ts"

const Person = Schema.Struct({ name: Schema.String, age: Schema.Number })

describe("one validation policy for every input (issue 16, item 1)", () => {
  it.effect("an unknown key is refused, and every issue is reported with its path", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(inputDecoder(Person)({ name: 7, age: "old", admin: true }))
      assert.instanceOf(error, InvalidInput)
      assert.deepStrictEqual(error.errors.map((e) => e.path).sort(), ["admin", "age", "name"])
      assert.deepStrictEqual(yield* inputDecoder(Person)({ name: "Ada", age: 36 }), { name: "Ada", age: 36 })
    })
  )

  it.effect(
    "use cases of every area refuse an unknown key and change nothing (organizations used to drop it)",
    () =>
      Effect.gen(function* () {
        const { adminActor, admin } = yield* seedTenant()
        const before = yield* snapshot
        const refusals = [
          yield* Effect.flip(createOrganization(adminActor, { name: "Acme", isAdmin: true } as never)),
          yield* Effect.flip(createGroup(adminActor, { name: "Sales", owner: "me" } as never)),
          yield* Effect.flip(
            updateUser(adminActor, admin.id, { firstName: "Ann", role2: "Admin" } as never, admin.version)
          )
        ]
        for (const refusal of refusals) {
          assert.strictEqual(refusal._tag, "InvalidInput")
          if (refusal._tag === "InvalidInput") assert.isTrue(refusal.errors.length >= 1)
        }
        assert.deepStrictEqual(yield* snapshot, before)
      }).pipe(provide)
  )
})
