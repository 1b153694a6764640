import { assert, describe, it } from "@effect/vitest"
import { changeRole, disableUser, getMe, presets, userActor } from "@gatehouse/domain"
import { seedTenant } from "@gatehouse/testkit"
import { Effect } from "effect"
import { provide, role, seedActor, seedMembership, seedOrganization } from "./support.ts"

describe("getMe", () => {
  it.effect("returns the caller without admin notes, with sorted permissions and memberships", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const me = yield* seedActor(tenant, {
        role: role("Admin"),
        adminNotes: "never on /me",
        passwordHash: "$fake$hash",
        modulePermissions: ["module:billing"]
      })
      const acme = yield* seedOrganization(tenant, { name: "Acme" })
      yield* seedMembership(acme, me.user, { role: role("Limited") })

      const view = yield* getMe(me.actor)
      assert.strictEqual(view.id, me.user.id)
      assert.isFalse("adminNotes" in view)
      assert.isFalse("passwordHash" in view)
      const adminPermissions = presets.weevio.roles.find((r) => r.name === "Admin" && r.scope === "tenant")!
      assert.deepStrictEqual(view.permissions, [...new Set(adminPermissions.permissions)].sort())
      assert.deepStrictEqual(
        view.memberships.map((m) => [m.organization.name, m.role, m.inEffect]),
        [["Acme", "Limited", true]]
      )
    }).pipe(provide)
  )

  it.effect("a Regular user's permissions are their role's plus their module permissions", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const me = yield* seedActor(tenant, { modulePermissions: ["module:billing"] })
      const view = yield* getMe(me.actor)
      assert.deepStrictEqual(view.permissions, [
        "module:billing",
        "module:dashboard",
        "module:orders",
        "module:sros"
      ])
    }).pipe(provide)
  )

  it.effect("totpRequired: by the user's flag, or by a role that requires TOTP", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const plain = yield* seedActor(tenant)
      assert.isFalse((yield* getMe(plain.actor)).totpRequired)
      const flagged = yield* seedActor(tenant, { requireTotp: true })
      assert.isTrue((yield* getMe(flagged.actor)).totpRequired)
      const { tenant: strict } = yield* seedTenant({ preset: "weavestream" })
      const contractor = yield* seedActor(strict, { role: role("CONTRACTOR") })
      assert.isTrue((yield* getMe(contractor.actor)).totpRequired)
    }).pipe(provide)
  )

  it.effect("works for restricted sessions (password_change, mfa_enrollment)", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const me = yield* seedActor(tenant)
      for (const scope of ["password_change", "mfa_enrollment"] as const) {
        const view = yield* getMe(userActor(tenant.id, me.user.id, scope))
        assert.strictEqual(view.id, me.user.id)
      }
    }).pipe(provide)
  )

  it.effect("reflects a role change and a disable on the next request (rule 7)", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const me = yield* seedActor(tenant, { role: role("Admin") })
      assert.include((yield* getMe(me.actor)).permissions, "users:write")
      yield* changeRole(adminActor, me.user.id, role("Regular"))
      assert.notInclude((yield* getMe(me.actor)).permissions, "users:write")
      yield* disableUser(adminActor, me.user.id)
      assert.strictEqual((yield* Effect.flip(getMe(me.actor)))._tag, "Forbidden")
    }).pipe(provide)
  )

  it.effect("the platform actor has no /me", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(getMe({ _tag: "Platform" }))
      assert.strictEqual(error._tag, "Forbidden")
    }).pipe(provide)
  )
})
