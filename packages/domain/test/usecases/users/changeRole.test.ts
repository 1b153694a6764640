import { assert, describe, it } from "@effect/vitest"
import { changeRole, getMe, RoleRepository, type TenantId, UserRepository } from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Exit } from "effect"
import { guardLastAdmin } from "../../../src/usecases/users/guards.ts"
import { auditsExactly, failsUnchanged, provide, role, seedActor, snapshot } from "./support.ts"

const adminCount = (tenantId: TenantId) =>
  Effect.flatMap(UserRepository, (users) => users.countActiveWithRole(tenantId, [role("Admin")]))

describe("changeRole", () => {
  it.effect("a holder of users:roles changes another user's role, audited with from and to", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      const user = yield* seedUser(tenant)
      const { value, event } = yield* auditsExactly(changeRole(adminActor, user.id, role("Admin")), {
        action: "user.role_changed",
        targetId: user.id,
        actorId: admin.id
      })
      assert.strictEqual(value.role, "Admin")
      assert.deepStrictEqual(event.details, { from: "Regular", to: "Admin" })
    }).pipe(provide)
  )

  it.effect("nobody changes their own role (rule 3)", () =>
    Effect.gen(function* () {
      const { admin, adminActor } = yield* seedTenant()
      const error = yield* failsUnchanged(changeRole(adminActor, admin.id, role("Regular")))
      assert.strictEqual(error._tag, "CannotChangeOwnRole")
    }).pipe(provide)
  )

  it.effect("needs users:roles; an unknown role or an organization role is RoleNotFound", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      const regular = yield* seedActor(tenant)
      const forbidden = yield* failsUnchanged(changeRole(regular.actor, admin.id, role("Regular")))
      assert.strictEqual(forbidden._tag, "Forbidden")
      const unknown = yield* failsUnchanged(changeRole(adminActor, regular.user.id, role("Overlord")))
      assert.strictEqual(unknown._tag, "RoleNotFound")
      // "Limited" exists, but only as an organization role.
      const orgRole = yield* failsUnchanged(changeRole(adminActor, regular.user.id, role("Limited")))
      assert.strictEqual(orgRole._tag, "RoleNotFound")
    }).pipe(provide)
  )

  it.effect("no escalation: a role with a permission the actor lacks is refused (rule 4)", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ preset: "wetrack" })
      const userAdmin = yield* seedActor(tenant, { role: role("User Admin") })
      const user = yield* seedUser(tenant, { role: role("General") })
      const error = yield* failsUnchanged(changeRole(userAdmin.actor, user.id, role("Account Admin")))
      assert.strictEqual(error._tag, "RoleEscalation")
      assert.include((error as { missing: ReadonlyArray<string> }).missing, "settings:manage")
      // A role within the actor's own permissions is fine.
      const ok = yield* changeRole(userAdmin.actor, user.id, role("Admin"))
      assert.strictEqual(ok.role, "Admin")
    }).pipe(provide)
  )

  it.effect("giving the role the user already has writes nothing", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const user = yield* seedUser(tenant)
      const before = yield* snapshot
      const result = yield* changeRole(adminActor, user.id, role("Regular"))
      assert.strictEqual(result.version, 1)
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(provide)
  )

  it.effect("of two admins one may demote the other; the last one then stays (rule 5)", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      const second = yield* seedActor(tenant, { role: role("Admin") })
      yield* changeRole(adminActor, second.user.id, role("Regular"))
      assert.strictEqual(yield* adminCount(tenant.id), 1)
      // The demoted admin lost users:roles at once (rule 7); the last one cannot demote themselves.
      const back = yield* failsUnchanged(changeRole(second.actor, admin.id, role("Regular")))
      assert.strictEqual(back._tag, "Forbidden")
      const self = yield* failsUnchanged(changeRole(adminActor, admin.id, role("Regular")))
      assert.strictEqual(self._tag, "CannotChangeOwnRole")
      assert.strictEqual(yield* adminCount(tenant.id), 1)
      assert.include((yield* getMe(adminActor)).permissions, "users:roles")
    }).pipe(provide)
  )

  it.effect("two admins demoting each other at once: exactly one succeeds", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      const second = yield* seedActor(tenant, { role: role("Admin") })
      const exits = yield* Effect.all(
        [
          Effect.exit(changeRole(adminActor, second.user.id, role("Regular"))),
          Effect.exit(changeRole(second.actor, admin.id, role("Regular")))
        ],
        { concurrency: "unbounded" }
      )
      assert.strictEqual(exits.filter(Exit.isSuccess).length, 1)
      assert.strictEqual(yield* adminCount(tenant.id), 1)
    }).pipe(provide)
  )

  it.effect("the guard refuses to take the last holder of users:roles out, and allows it with two", () =>
    Effect.gen(function* () {
      const { tenant, admin } = yield* seedTenant()
      const roles = yield* Effect.flatMap(RoleRepository, (r) => r.list(tenant.id))
      const demote = { role: role("Regular"), status: "active" } as const
      const last = yield* Effect.flip(guardLastAdmin(roles, admin, demote))
      assert.strictEqual(last._tag, "LastAdmin")
      assert.strictEqual((yield* Effect.flip(guardLastAdmin(roles, admin, undefined)))._tag, "LastAdmin")
      const disable = { role: role("Admin"), status: "disabled" } as const
      assert.strictEqual((yield* Effect.flip(guardLastAdmin(roles, admin, disable)))._tag, "LastAdmin")
      yield* seedUser(tenant, { role: role("Admin") })
      yield* guardLastAdmin(roles, admin, demote)
      yield* guardLastAdmin(roles, admin, undefined)
    }).pipe(provide)
  )
})
