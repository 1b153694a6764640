import { assert, describe, it } from "@effect/vitest"
import {
  type DepartmentId,
  type GroupId,
  type PhoneNumber,
  type User,
  type UserPatch,
  UserRepository,
  updateUser
} from "@gatehouse/domain"
import { anId, memory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import {
  auditsExactly,
  failsUnchanged,
  provide,
  role,
  seedActor,
  seedDepartment,
  seedGroup,
  snapshot
} from "./support.ts"

const stored = (user: User) =>
  Effect.flatMap(UserRepository, (users) => users.findById(user.tenantId, user.id)).pipe(
    Effect.map(Option.getOrThrow)
  )

describe("updateUser", () => {
  it.effect("a user edits their own profile: one audit event naming the fields, version + 1", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const me = yield* seedActor(tenant)
      const { value, event } = yield* auditsExactly(
        updateUser(me.actor, me.user.id, { firstName: "Renamed", language: "de-CH" as never }, 1),
        { action: "user.updated", targetId: me.user.id, actorId: me.user.id }
      )
      assert.strictEqual(value.firstName, "Renamed")
      assert.strictEqual(value.version, 2)
      assert.isFalse("adminNotes" in value)
      assert.deepStrictEqual(event.details, { fields: ["firstName", "language"] })
      const after = yield* stored(me.user)
      assert.strictEqual(after.firstName, "Renamed")
      assert.strictEqual(after.language, "de-CH")
    }).pipe(provide)
  )

  it.effect("email cannot be changed, by the user or by an admin (rule 6)", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const me = yield* seedActor(tenant)
      const patch: UserPatch = { email: "new@example.com", firstName: "X" }
      const bySelf = yield* failsUnchanged(updateUser(me.actor, me.user.id, patch, 1))
      assert.strictEqual(bySelf._tag, "EmailImmutable")
      const byAdmin = yield* failsUnchanged(updateUser(adminActor, me.user.id, { email: me.user.email }, 1))
      assert.strictEqual(byAdmin._tag, "EmailImmutable")
    }).pipe(provide)
  )

  it.effect("a non-admin cannot set admin-only fields on themselves, nor edit anyone else", () =>
    Effect.gen(function* () {
      const { tenant, admin } = yield* seedTenant()
      const me = yield* seedActor(tenant)
      const adminOnly: ReadonlyArray<UserPatch> = [
        { adminNotes: "I am great" },
        { emailVerified: true },
        { phoneVerified: true },
        { requireTotp: false },
        { modulePermissions: [] },
        { departmentId: null },
        { groupIds: [] }
      ]
      for (const patch of adminOnly) {
        const error = yield* failsUnchanged(updateUser(me.actor, me.user.id, patch, 1))
        assert.strictEqual(error._tag, "Forbidden", JSON.stringify(patch))
      }
      const other = yield* failsUnchanged(updateUser(me.actor, admin.id, { firstName: "Hacked" }, 1))
      assert.strictEqual(other._tag, "Forbidden")
    }).pipe(provide)
  )

  it.effect("an admin sets department, groups, modules, flags and notes", () =>
    Effect.gen(function* () {
      const { tenant, adminActor, admin } = yield* seedTenant({ preset: "wetrack" })
      const user = yield* seedUser(tenant, { role: role("General") })
      const department = yield* seedDepartment(tenant)
      const group = yield* seedGroup(tenant)
      const { value, event } = yield* auditsExactly(
        updateUser(
          adminActor,
          user.id,
          {
            departmentId: department.id,
            groupIds: [group.id, group.id],
            modulePermissions: ["module:reports"],
            emailVerified: true,
            requireTotp: true,
            adminNotes: "probation"
          },
          1
        ),
        { action: "user.updated", targetId: user.id, actorId: admin.id }
      )
      assert.strictEqual(value.departmentId, department.id)
      assert.deepStrictEqual(value.groupIds, [group.id])
      assert.deepStrictEqual(value.modulePermissions, ["module:reports"])
      assert.strictEqual(value.adminNotes, "probation")
      assert.deepStrictEqual(event.details, {
        fields: [
          "emailVerified",
          "requireTotp",
          "modulePermissions",
          "departmentId",
          "groupIds",
          "adminNotes"
        ]
      })
      // Notes never reach the audit trail.
      assert.notInclude(JSON.stringify((yield* snapshot).get(memory.tables.Audit)), "probation")
    }).pipe(provide)
  )

  it.effect("unknown department or group ids are reported", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
      const user = yield* seedUser(tenant)
      const other = yield* seedTenant({ preset: "wetrack" })
      const foreignDepartment = yield* seedDepartment(other.tenant)
      const department = yield* failsUnchanged(
        updateUser(adminActor, user.id, { departmentId: anId<DepartmentId>() }, 1)
      )
      assert.strictEqual(department._tag, "DepartmentNotFound")
      const foreign = yield* failsUnchanged(
        updateUser(adminActor, user.id, { departmentId: foreignDepartment.id }, 1)
      )
      assert.strictEqual(foreign._tag, "DepartmentNotFound")
      const group = yield* failsUnchanged(updateUser(adminActor, user.id, { groupIds: [anId<GroupId>()] }, 1))
      assert.strictEqual(group._tag, "GroupNotFound")
    }).pipe(provide)
  )

  it.effect("no escalation through module permissions (rule 4)", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ preset: "wetrack" })
      // The wetrack Admin holds users:write and the wetrack modules, but not tickets nor billing.
      const lesserAdmin = yield* seedActor(tenant, { role: role("Admin") })
      const user = yield* seedUser(tenant, { role: role("General"), modulePermissions: ["module:reports"] })
      const error = yield* failsUnchanged(
        updateUser(lesserAdmin.actor, user.id, { modulePermissions: ["module:reports", "module:tickets"] }, 1)
      )
      assert.strictEqual(error._tag, "RoleEscalation")
      assert.deepStrictEqual((error as { missing: ReadonlyArray<string> }).missing, ["module:tickets"])
      // Keeping a module the user already has is not a grant; adding one the actor holds is fine.
      const kept = yield* updateUser(
        lesserAdmin.actor,
        user.id,
        { modulePermissions: ["module:reports", "module:dashboard"] },
        1
      )
      assert.deepStrictEqual(kept.modulePermissions, ["module:reports", "module:dashboard"])
    }).pipe(provide)
  )

  it.effect(
    "a user holding a module the actor lacks is out of reach, profile fields included (issue 12, item 8)",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedTenant({ preset: "wetrack" })
        const lesserAdmin = yield* seedActor(tenant, { role: role("Admin") })
        const user = yield* seedUser(tenant, { role: role("General"), modulePermissions: ["module:billing"] })
        for (const patch of [
          { modulePermissions: [] },
          { adminNotes: "watch this one" },
          { requireTotp: false },
          { emailVerified: true },
          { firstName: "Renamed" },
          { phone: "+41791234567" as PhoneNumber }
        ]) {
          const error = yield* failsUnchanged(updateUser(lesserAdmin.actor, user.id, patch, 1))
          assert.strictEqual(error._tag, "RoleEscalation", JSON.stringify(patch))
          assert.deepStrictEqual((error as { missing: ReadonlyArray<string> }).missing, ["module:billing"])
        }
        // without the module, the same user is within reach
        const peer = yield* seedUser(tenant, { role: role("General") })
        const renamed = yield* updateUser(lesserAdmin.actor, peer.id, { firstName: "Renamed" }, 1)
        assert.strictEqual(renamed.firstName, "Renamed")
      }).pipe(provide)
  )

  it.effect("a stale version is a VersionConflict and changes nothing", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const user = yield* seedUser(tenant)
      yield* updateUser(adminActor, user.id, { firstName: "First" }, 1)
      const error = yield* failsUnchanged(updateUser(adminActor, user.id, { firstName: "Second" }, 1))
      assert.strictEqual(error._tag, "VersionConflict")
      if (error._tag === "VersionConflict") assert.deepStrictEqual([error.expected, error.actual], [1, 2])
      assert.strictEqual((yield* stored(user)).firstName, "First")
    }).pipe(provide)
  )

  it.effect(
    "an admin cannot change their own admin-only fields either (rule 3), but keeps their profile",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedTenant()
        const me = yield* seedActor(tenant, {
          role: role("Admin"),
          requireTotp: true,
          adminNotes: "set by a colleague",
          modulePermissions: []
        })
        const ownAdminFields: ReadonlyArray<UserPatch> = [
          { requireTotp: false },
          { adminNotes: "all good" },
          { adminNotes: null },
          { emailVerified: true },
          { phoneVerified: true },
          { modulePermissions: ["module:reports"] } as UserPatch,
          { groupIds: [(yield* seedGroup(tenant)).id] },
          { departmentId: (yield* seedDepartment(tenant)).id }
        ]
        for (const patch of ownAdminFields) {
          const error = yield* failsUnchanged(updateUser(me.actor, me.user.id, patch, 1))
          assert.strictEqual(error._tag, "CannotEditOwnAdminFields", JSON.stringify(patch))
          if (error._tag === "CannotEditOwnAdminFields")
            assert.deepStrictEqual(error.fields, Object.keys(patch))
        }
        // mixed with a profile field, the whole patch is refused
        const mixed = yield* failsUnchanged(
          updateUser(me.actor, me.user.id, { firstName: "Olivia", requireTotp: false }, 1)
        )
        assert.strictEqual(mixed._tag, "CannotEditOwnAdminFields")
        // a form sending the current values back, and a new phone number (which is then unverified), pass
        const saved = yield* updateUser(
          me.actor,
          me.user.id,
          {
            firstName: "Olivia",
            requireTotp: true,
            adminNotes: "set by a colleague",
            phone: "+41791234567" as PhoneNumber
          },
          1
        )
        assert.strictEqual(saved.firstName, "Olivia")
        assert.strictEqual(saved.requireTotp, true)
        assert.isFalse(saved.phoneVerified)
      }).pipe(provide)
  )

  it.effect("a patch that changes nothing writes nothing", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const user = yield* seedUser(tenant)
      const before = yield* snapshot
      const result = yield* updateUser(adminActor, user.id, { firstName: user.firstName, groupIds: [] }, 1)
      assert.strictEqual(result.version, 1)
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(provide)
  )

  it.effect("keys outside the patch (role, status, ...) are refused, not applied (mass assignment)", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const me = yield* seedActor(tenant)
      for (const extra of [{ role: "Admin" }, { status: "active" }, { passwordHash: "x" }, { version: 9 }]) {
        const patch = { firstName: "X", ...extra } as unknown as UserPatch
        const self = yield* failsUnchanged(updateUser(me.actor, me.user.id, patch, 1))
        assert.strictEqual(self._tag, "InvalidInput", JSON.stringify(extra))
        const admin = yield* failsUnchanged(updateUser(adminActor, me.user.id, patch, 1))
        assert.strictEqual(admin._tag, "InvalidInput", JSON.stringify(extra))
      }
      const invalid = yield* failsUnchanged(
        updateUser(me.actor, me.user.id, { phone: "12345" as PhoneNumber }, 1)
      )
      assert.strictEqual(invalid._tag, "InvalidInput")
    }).pipe(provide)
  )

  it.effect("a new phone number is no longer verified; null clears a field", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const user = yield* seedUser(tenant, {
        phone: "+41790000000" as PhoneNumber,
        phoneVerified: true,
        displayName: "Nick"
      })
      const result = yield* updateUser(
        adminActor,
        user.id,
        { phone: "+41790000001" as PhoneNumber, displayName: null },
        1
      )
      assert.strictEqual(result.phone, "+41790000001")
      assert.isFalse(result.phoneVerified)
      assert.isNull(result.displayName)
      const event = (yield* snapshot).get(memory.tables.Audit).at(-1)!
      assert.deepStrictEqual(event.details, { fields: ["displayName", "phone", "phoneVerified"] })
    }).pipe(provide)
  )

  it.effect("a user of another tenant is not found", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant()
      const other = yield* seedTenant()
      const error = yield* failsUnchanged(updateUser(adminActor, other.admin.id, { firstName: "X" }, 1))
      assert.strictEqual(error._tag, "UserNotFound")
    }).pipe(provide)
  )
})
