import { assert, describe, it } from "@effect/vitest"
import { PasswordHasher, resetPassword, type User, UserRepository } from "@gatehouse/domain"
import { memory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Option, Redacted } from "effect"
import { auditsExactly, failsUnchanged, provide, role, seedActor, snapshot } from "./support.ts"

const stored = (user: User) =>
  Effect.flatMap(UserRepository, (users) => users.findById(user.tenantId, user.id)).pipe(
    Effect.map(Option.getOrThrow)
  )

const verifies = (user: User, password: Redacted.Redacted<string>) =>
  Effect.gen(function* () {
    const { passwordHash } = yield* stored(user)
    assert.isNotNull(passwordHash)
    return (yield* (yield* PasswordHasher).verify(passwordHash!, password)).valid
  })

describe("resetPassword", () => {
  it.effect(
    "an admin generates a password: returned once, stored hashed, forced change, audited without it",
    () =>
      Effect.gen(function* () {
        const { tenant, admin, adminActor } = yield* seedTenant()
        const user = yield* seedUser(tenant, { mustChangePassword: false })
        const { value, event } = yield* auditsExactly(
          resetPassword(adminActor, user.id, { generate: true }),
          {
            action: "user.password_reset",
            targetId: user.id,
            actorId: admin.id
          }
        )
        const generated = value.generatedPassword
        assert.isDefined(generated)
        assert.isAtLeast(Redacted.value(generated!).length, tenant.passwordPolicy.generatedLength)
        assert.isTrue(yield* verifies(user, generated!))
        assert.isTrue((yield* stored(user)).mustChangePassword)
        assert.deepStrictEqual(event.details, { generated: true, sessionsEnded: 0 })
        assert.notInclude(
          JSON.stringify((yield* snapshot).get(memory.tables.Audit)),
          Redacted.value(generated!)
        )
      }).pipe(provide)
  )

  it.effect("an admin sets a chosen password that passes the policy", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const user = yield* seedUser(tenant, { passwordHash: "$fake$old" })
      const password = Redacted.make("Violet-Harbour-93")
      const result = yield* resetPassword(adminActor, user.id, { password })
      assert.isUndefined(result.generatedPassword)
      assert.isTrue(yield* verifies(user, password))
      assert.isFalse(yield* verifies(user, Redacted.make("Violet-Harbour-94")))
      assert.notInclude(JSON.stringify((yield* snapshot).get(memory.tables.Audit)), "Violet-Harbour-93")
    }).pipe(provide)
  )

  it.effect("a password breaking the policy, or containing the target's name, changes nothing", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const user = yield* seedUser(tenant, { firstName: "Gwendolyn", passwordHash: "$fake$old" })
      for (const weak of ["short1A", "alllowercase1", "Gwendolyn2026"]) {
        const error = yield* failsUnchanged(
          resetPassword(adminActor, user.id, { password: Redacted.make(weak) })
        )
        assert.strictEqual(error._tag, "PasswordPolicyViolation", weak)
      }
    }).pipe(provide)
  )

  it.effect("not for oneself, not without users:write, not across tenants", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      const self = yield* failsUnchanged(resetPassword(adminActor, admin.id, { generate: true }))
      assert.strictEqual(self._tag, "Forbidden")
      const regular = yield* seedActor(tenant)
      const other = yield* seedUser(tenant)
      const denied = yield* failsUnchanged(resetPassword(regular.actor, other.id, { generate: true }))
      assert.strictEqual(denied._tag, "Forbidden")
      const foreign = yield* seedTenant()
      const missing = yield* failsUnchanged(resetPassword(adminActor, foreign.admin.id, { generate: true }))
      assert.strictEqual(missing._tag, "UserNotFound")
    }).pipe(provide)
  )

  it.effect("no takeover: resetting a user who holds permissions the admin lacks is RoleEscalation", () =>
    Effect.gen(function* () {
      const { tenant, admin } = yield* seedTenant({ preset: "wetrack" })
      const manager = yield* seedActor(tenant, { role: role("Admin") })
      const error = yield* failsUnchanged(resetPassword(manager.actor, admin.id, { generate: true }))
      assert.strictEqual(error._tag, "RoleEscalation")
      const general = yield* seedUser(tenant, { role: role("General") })
      const ok = yield* resetPassword(manager.actor, general.id, { generate: true })
      assert.isDefined(ok.generatedPassword)
    }).pipe(provide)
  )
})
