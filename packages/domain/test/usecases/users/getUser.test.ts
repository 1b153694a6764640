import { assert, describe, it } from "@effect/vitest"
import { getUser, type UserId, userActor } from "@gatehouse/domain"
import { anId, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect } from "effect"
import { provide, role, seedActor, seedMembership, seedOrganization } from "./support.ts"

describe("getUser", () => {
  it.effect("an admin reads any user: no password hash, admin notes, memberships with inEffect", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const user = yield* seedUser(tenant, { passwordHash: "$fake$secret", adminNotes: "VIP customer" })
      const acme = yield* seedOrganization(tenant, { name: "Acme" })
      const zeta = yield* seedOrganization(tenant, { name: "Zeta" })
      yield* seedMembership(zeta, user, { role: role("Admin"), active: false })
      // The test clock starts at 1970: an expiry at the epoch itself has already passed.
      yield* seedMembership(acme, user, { expiresAt: new Date(0) })

      const details = yield* getUser(adminActor, user.id)
      assert.strictEqual(details.id, user.id)
      assert.strictEqual(details.email, user.email)
      assert.isFalse("passwordHash" in details)
      assert.strictEqual(details.adminNotes, "VIP customer")
      assert.deepStrictEqual(
        details.memberships.map((m) => [m.organization.name, m.role, m.active, m.inEffect]),
        [
          ["Acme", "Limited", true, false],
          ["Zeta", "Admin", false, false]
        ]
      )
    }).pipe(provide)
  )

  it.effect("a membership active and unexpired is in effect", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const user = yield* seedUser(tenant)
      const acme = yield* seedOrganization(tenant)
      yield* seedMembership(acme, user, { expiresAt: new Date("2100-01-01T00:00:00Z") })
      const details = yield* getUser(adminActor, user.id)
      assert.deepStrictEqual(
        details.memberships.map((m) => [m.organization.id, m.inEffect]),
        [[acme.id, true]]
      )
    }).pipe(provide)
  )

  it.effect("a Regular user sees their own profile, without admin notes", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const regular = yield* seedActor(tenant, { adminNotes: "do not show" })
      const details = yield* getUser(regular.actor, regular.user.id)
      assert.strictEqual(details.id, regular.user.id)
      assert.isFalse("adminNotes" in details)
      assert.isFalse("passwordHash" in details)
    }).pipe(provide)
  )

  it.effect("a Regular user cannot see another user, nor probe whether an id exists", () =>
    Effect.gen(function* () {
      const { tenant, admin } = yield* seedTenant()
      const regular = yield* seedActor(tenant)
      const other = yield* Effect.flip(getUser(regular.actor, admin.id))
      assert.strictEqual(other._tag, "Forbidden")
      const unknown = yield* Effect.flip(getUser(regular.actor, anId<UserId>()))
      assert.strictEqual(unknown._tag, "Forbidden")
    }).pipe(provide)
  )

  it.effect("a reader without users:write sees no admin notes", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ preset: "puqcloud" })
      const staff = yield* seedActor(tenant, { role: role("Staff") })
      const user = yield* seedUser(tenant, { adminNotes: "admins only" })
      const details = yield* getUser(staff.actor, user.id)
      assert.strictEqual(details.id, user.id)
      assert.isFalse("adminNotes" in details)
    }).pipe(provide)
  )

  it.effect("a user of another tenant is not found (rule 1)", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant()
      const other = yield* seedTenant()
      const error = yield* Effect.flip(getUser(adminActor, other.admin.id))
      assert.strictEqual(error._tag, "UserNotFound")
      const unknown = yield* Effect.flip(getUser(adminActor, anId<UserId>()))
      assert.strictEqual(unknown._tag, "UserNotFound")
    }).pipe(provide)
  )

  it.effect("a disabled actor or a restricted session is refused (rules 7, 8)", () =>
    Effect.gen(function* () {
      const { tenant, admin } = yield* seedTenant()
      const disabled = yield* seedActor(tenant, { role: role("Admin"), status: "disabled" })
      assert.strictEqual((yield* Effect.flip(getUser(disabled.actor, admin.id)))._tag, "Forbidden")
      const restricted = userActor(tenant.id, admin.id, "password_change")
      assert.strictEqual((yield* Effect.flip(getUser(restricted, admin.id)))._tag, "Forbidden")
    }).pipe(provide)
  )
})
