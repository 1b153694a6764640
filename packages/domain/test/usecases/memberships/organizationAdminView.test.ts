import { assert, describe, it } from "@effect/vitest"
import { addMember, type Email, listMembers, type RoleName } from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect } from "effect"
import { failsUnchanged } from "../users/support.ts"
import { provide, role, seedMember, seedOrganization } from "./support.ts"

// Issue 12, item 6: an organization Admin who typed an existing email got that user's tenant role, phone,
// status, last login, TOTP state and module permissions back, and pulled tenant staff (even the tenant's Admin)
// into their customer organization.

const MEMBERSHIP_VIEW = ["displayName", "email", "firstName", "id", "lastName"]

const person = (address: string) => ({
  email: address as Email,
  firstName: "Pat",
  lastName: "Portal",
  role: "Limited" as RoleName
})

describe("an organization Admin sees the membership view and adds only member-role users", () => {
  it.effect("adding the tenant's Admin or a Regular staff user is UserNotAddable, nothing written", () =>
    Effect.gen(function* () {
      const { tenant, admin } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const { actor } = yield* seedMember(tenant, organization.id, { role: "Admin" })
      const staff = yield* seedUser(tenant, { role: role("Regular") })
      for (const target of [admin, staff]) {
        const error = yield* failsUnchanged(addMember(actor, organization.id, person(target.email)))
        assert.strictEqual(error._tag, "UserNotAddable", target.role)
        if (error._tag === "UserNotAddable") assert.strictEqual(error.memberRole, "Portal User")
      }
    }).pipe(provide)
  )

  it.effect("an existing portal user is added, and answered with names and email only", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const { actor } = yield* seedMember(tenant, organization.id, { role: "Admin" })
      const existing = yield* seedUser(tenant, {
        role: role("Portal User"),
        phone: "+41791234567" as never,
        lastLoginAt: new Date(),
        totpEnabled: true,
        modulePermissions: ["module:orders"]
      })
      const added = yield* addMember(actor, organization.id, person(existing.email.toUpperCase()))
      assert.isFalse(added.created)
      assert.deepStrictEqual(Object.keys(added.user).sort(), MEMBERSHIP_VIEW)
      assert.strictEqual(added.user.id, existing.id)
      const created = yield* addMember(actor, organization.id, person("new@example.com"))
      assert.isTrue(created.created)
      assert.deepStrictEqual(Object.keys(created.user).sort(), MEMBERSHIP_VIEW)
      const listed = yield* listMembers(actor, organization.id)
      assert.isAbove(listed.items.length, 2)
      for (const item of listed.items) assert.deepStrictEqual(Object.keys(item.user).sort(), MEMBERSHIP_VIEW)
    }).pipe(provide)
  )

  it.effect("a tenant admin keeps the full view and may add staff to an organization", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const staff = yield* seedUser(tenant, { role: role("Regular"), phone: "+41791234567" as never })
      const added = yield* addMember(adminActor, organization.id, person(staff.email))
      assert.strictEqual(String("role" in added.user && added.user.role), "Regular")
      assert.strictEqual(String("phone" in added.user && added.user.phone), "+41791234567")
      assert.notProperty(added.user, "passwordHash")
      assert.notProperty(added.user, "adminNotes")
      const listed = yield* listMembers(adminActor, organization.id)
      assert.property(listed.items[0]?.user, "status")
    }).pipe(provide)
  )
})
