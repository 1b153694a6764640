import { assert, describe, it } from "@effect/vitest"
import { platformActor, updateOwnProfile, updateUser } from "@gatehouse/domain"
import { seedTenant } from "@gatehouse/testkit"
import { Effect } from "effect"
import { failsUnchanged, provide, seedActor } from "./support.ts"

describe("updateOwnProfile", () => {
  it.effect("without a version it applies to the current one, whatever edits came before", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const me = yield* seedActor(tenant)
      yield* updateUser(me.actor, me.user.id, { firstName: "First" }, 1)
      yield* updateUser(me.actor, me.user.id, { lastName: "Second" }, 2)
      const edited = yield* updateOwnProfile(me.actor, { displayName: "Third" })
      assert.deepStrictEqual(
        [edited.firstName, edited.lastName, edited.displayName, edited.version],
        ["First", "Second", "Third", 4]
      )
    }).pipe(provide)
  )

  it.effect(
    "with a version it applies to that version only: a stale one is VersionConflict, nothing written",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedTenant()
        const me = yield* seedActor(tenant)
        yield* updateOwnProfile(me.actor, { firstName: "First" }, 1)
        const error = yield* failsUnchanged(updateOwnProfile(me.actor, { firstName: "Late" }, 1))
        assert.deepStrictEqual(
          error._tag === "VersionConflict" ? [error.expected, error.actual] : error._tag,
          [1, 2]
        )
      }).pipe(provide)
  )

  it.effect(
    "the rules are updateUser's for oneself: an admin-only field is Forbidden; the platform has no profile",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedTenant()
        const me = yield* seedActor(tenant)
        const adminOnly = yield* failsUnchanged(updateOwnProfile(me.actor, { adminNotes: "mine" } as never))
        assert.strictEqual(adminOnly._tag, "Forbidden")
        const platform = yield* failsUnchanged(updateOwnProfile(platformActor, { firstName: "Nobody" }))
        assert.strictEqual(platform._tag, "Forbidden")
      }).pipe(provide)
  )
})
