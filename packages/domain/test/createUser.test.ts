import { assert, describe, it } from "@effect/vitest"
import { createUser, type Email, type RoleName, UserRepository } from "@gatehouse/domain"
import { layerMemory, seedTenant } from "@gatehouse/testkit"
import { Effect, Layer, Option } from "effect"

const provide = Effect.provide(Layer.fresh(layerMemory))

describe("createUser", () => {
  it.effect("an admin creates a user with a generated password, who must change it", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const created = yield* createUser(adminActor, {
        email: "new@example.com" as Email,
        firstName: "New",
        lastName: "User",
        role: "Regular" as RoleName,
        credential: { _tag: "Generate" }
      })
      assert.isDefined(created.generatedPassword)
      assert.isTrue(created.user.mustChangePassword)
      const stored = yield* (yield* UserRepository).findById(tenant.id, created.user.id)
      assert.isTrue(Option.isSome(stored))
    }).pipe(provide)
  )
})
