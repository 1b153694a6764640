import { assert, describe, it } from "@effect/vitest"
import {
  AuditLog,
  deleteUser,
  getUser,
  MembershipRepository,
  UserRepository,
  updateUser
} from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import {
  auditsExactly,
  failsUnchanged,
  provide,
  role,
  seedActor,
  seedMembership,
  seedOrganization,
  seedRole
} from "./support.ts"

describe("deleteUser", () => {
  it.effect("a deleted user is gone with their memberships, but their audit events remain", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      const user = yield* seedUser(tenant)
      const acme = yield* seedOrganization(tenant)
      yield* seedMembership(acme, user)
      yield* updateUser(adminActor, user.id, { firstName: "Before" }, 1)

      const { event } = yield* auditsExactly(deleteUser(adminActor, user.id), {
        action: "user.deleted",
        targetId: user.id,
        actorId: admin.id
      })
      assert.notInclude(JSON.stringify(event.details), user.email)
      assert.isTrue(Option.isNone(yield* (yield* UserRepository).findById(tenant.id, user.id)))
      assert.deepStrictEqual(yield* (yield* MembershipRepository).listByUser(tenant.id, user.id), [])
      assert.strictEqual((yield* Effect.flip(getUser(adminActor, user.id)))._tag, "UserNotFound")
      const trail = yield* (yield* AuditLog).query(tenant.id, { targetId: user.id, limit: 10 })
      // Both events carry the same test-clock instant, so compare them as a set.
      assert.deepStrictEqual(trail.items.map((e) => e.action).sort(), ["user.deleted", "user.updated"])
      // Deleting again: not found, nothing written.
      assert.strictEqual((yield* failsUnchanged(deleteUser(adminActor, user.id)))._tag, "UserNotFound")
    }).pipe(provide)
  )

  it.effect("nobody deletes themselves (rule 3); deleting needs users:delete", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      assert.strictEqual((yield* failsUnchanged(deleteUser(adminActor, admin.id)))._tag, "CannotDeleteSelf")
      const regular = yield* seedActor(tenant)
      const other = yield* seedUser(tenant)
      assert.strictEqual((yield* failsUnchanged(deleteUser(regular.actor, other.id)))._tag, "Forbidden")
    }).pipe(provide)
  )

  it.effect(
    "a role that may delete users but holds less than the target cannot delete them (RoleEscalation); an equal can",
    () =>
      Effect.gen(function* () {
        const { tenant, admin } = yield* seedTenant()
        // A tenant-defined role that may delete users but not manage roles.
        yield* seedRole(tenant, "Janitor", ["users:read", "users:delete"])
        const janitor = yield* seedActor(tenant, { role: role("Janitor") })
        const error = yield* failsUnchanged(deleteUser(janitor.actor, admin.id))
        assert.strictEqual(error._tag, "RoleEscalation")
        if (error._tag === "RoleEscalation") assert.include(error.missing, "users:roles")
        // A peer Admin is a second holder of users:roles: the deletion goes through.
        const peer = yield* seedActor(tenant, { role: role("Admin") })
        const { event } = yield* auditsExactly(deleteUser(peer.actor, admin.id), {
          action: "user.deleted",
          targetId: admin.id,
          actorId: peer.user.id
        })
        assert.deepStrictEqual(event.details, { role: "Admin", status: "active", sessionsEnded: 0 })
        assert.isTrue(Option.isNone(yield* (yield* UserRepository).findById(tenant.id, admin.id)))
      }).pipe(provide)
  )

  it.effect("a user of another tenant is not found", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant()
      const other = yield* seedTenant()
      const victim = yield* seedUser(other.tenant)
      assert.strictEqual((yield* failsUnchanged(deleteUser(adminActor, victim.id)))._tag, "UserNotFound")
    }).pipe(provide)
  )
})
