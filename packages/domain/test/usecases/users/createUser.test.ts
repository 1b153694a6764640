import { assert, describe, it } from "@effect/vitest"
import { createUser, type Email, type RoleName, UserRepository } from "@gatehouse/domain"
import { seedTenant } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import { failsUnchanged, provide, snapshot } from "./support.ts"

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
      assert.isFalse("passwordHash" in created.user)
      const stored = yield* (yield* UserRepository).findById(tenant.id, created.user.id)
      assert.isTrue(Option.isSome(stored))
    }).pipe(provide)
  )

  it.effect("writes exactly its audit event; a duplicate email writes nothing", () =>
    Effect.gen(function* () {
      const { admin, adminActor } = yield* seedTenant()
      const input = {
        email: "dup@example.com" as Email,
        firstName: "Dup",
        lastName: "User",
        role: "Regular" as RoleName,
        credential: { _tag: "Invite" }
      } as const
      const before = (yield* snapshot).audit.length
      const created = yield* createUser(adminActor, input)
      const events = (yield* snapshot).audit.slice(before)
      assert.deepStrictEqual(
        events.map((e) => [e.action, e.targetId, e.actorId]),
        [["user.created", created.user.id, admin.id]]
      )
      const error = yield* failsUnchanged(createUser(adminActor, input))
      assert.strictEqual(error._tag, "EmailTaken")
    }).pipe(provide)
  )
})
