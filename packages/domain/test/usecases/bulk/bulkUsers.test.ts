import { assert, describe, it } from "@effect/vitest"
import {
  bulkUsers,
  type ConfirmationMismatch,
  type DepartmentId,
  importUsers,
  type User,
  type UserId,
  UserRepository
} from "@gatehouse/domain"
import { anId, memory, seedTenant } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import {
  failsUnchanged,
  provide,
  role,
  seedActor,
  seedDepartment,
  seedMembership,
  seedOrganization,
  snapshot
} from "../users/support.ts"
import { csvRows, invitationsOf, theUser } from "./support.ts"

const statusOf = (user: User) =>
  Effect.map(
    Effect.flatMap(UserRepository, (users) => users.findById(user.tenantId, user.id)),
    (found) => Option.map(found, (u) => u.status).pipe(Option.getOrElse(() => "gone"))
  )

describe("bulkUsers: per-user outcomes", () => {
  it.effect(
    "disable reports every user in order: done (a pending one too), oneself refused, wrong status, unknown, other tenant; enable returns the pending one to pending",
    () =>
      Effect.gen(function* () {
        const { tenant, admin, adminActor } = yield* seedTenant()
        const { tenant: other } = yield* seedTenant()
        const { user: a } = yield* seedActor(tenant)
        const { user: b } = yield* seedActor(tenant)
        const { user: pending } = yield* seedActor(tenant, { status: "pending" })
        const { user: gone } = yield* seedActor(tenant, { status: "deactivated" })
        const { user: stranger } = yield* seedActor(other)
        const unknown = anId<UserId>()
        const { results } = yield* bulkUsers(adminActor, {
          action: "disable",
          ids: [a.id, admin.id, pending.id, gone.id, unknown, stranger.id, b.id]
        })
        assert.deepStrictEqual(results, [
          { id: a.id, ok: true },
          { id: admin.id, ok: false, code: "CannotDisableSelf" },
          { id: pending.id, ok: true },
          { id: gone.id, ok: false, code: "InvalidStatusTransition" },
          { id: unknown, ok: false, code: "UserNotFound" },
          { id: stranger.id, ok: false, code: "UserNotFound" },
          { id: b.id, ok: true }
        ])
        for (const [user, status] of [
          [a, "disabled"],
          [b, "disabled"],
          [admin, "active"],
          [pending, "disabled"],
          [gone, "deactivated"],
          [stranger, "active"]
        ] as const) {
          assert.strictEqual(yield* statusOf(user), status)
        }
        const events = (yield* snapshot).get(memory.tables.Audit).filter((e) => e.action === "user.disabled")
        assert.deepStrictEqual(events.map((e) => e.targetId).sort(), [a.id, b.id, pending.id].sort())

        const enabled = yield* bulkUsers(adminActor, { action: "enable", ids: [pending.id, a.id] })
        assert.deepStrictEqual(enabled.results, [
          { id: pending.id, ok: true },
          { id: a.id, ok: true }
        ])
        assert.strictEqual(yield* statusOf(pending), "pending")
        assert.strictEqual(yield* statusOf(a), "active")
      }).pipe(provide)
  )

  it.effect(
    "of two organization Admins disabled together the later fails LastAdmin; enable brings one back",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const organization = yield* seedOrganization(tenant)
        const { user: first } = yield* seedActor(tenant, { role: role("Portal User") })
        const { user: second } = yield* seedActor(tenant, { role: role("Portal User") })
        yield* seedMembership(organization, first, { role: role("Admin") })
        yield* seedMembership(organization, second, { role: role("Admin") })
        const disabled = yield* bulkUsers(adminActor, { action: "disable", ids: [first.id, second.id] })
        assert.deepStrictEqual(disabled.results, [
          { id: first.id, ok: true },
          { id: second.id, ok: false, code: "LastAdmin" }
        ])
        const enabled = yield* bulkUsers(adminActor, { action: "enable", ids: [first.id, second.id] })
        assert.deepStrictEqual(enabled.results, [
          { id: first.id, ok: true },
          { id: second.id, ok: false, code: "InvalidStatusTransition" }
        ])
        assert.strictEqual(yield* statusOf(first), "active")
      }).pipe(provide)
  )

  it.effect("a lesser admin cannot act on a greater one (RoleEscalation) but on the others", () =>
    Effect.gen(function* () {
      const { tenant, admin: owner } = yield* seedTenant({ preset: "wetrack" })
      const { actor } = yield* seedActor(tenant, { role: role("Admin") })
      const { user: general } = yield* seedActor(tenant, { role: role("General") })
      const { results } = yield* bulkUsers(actor, { action: "disable", ids: [owner.id, general.id] })
      assert.deepStrictEqual(results, [
        { id: owner.id, ok: false, code: "RoleEscalation" },
        { id: general.id, ok: true }
      ])
    }).pipe(provide)
  )

  it.effect("update applies one patch to each user at their current version, each audited", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      const department = yield* seedDepartment(tenant)
      const { user: a } = yield* seedActor(tenant, { version: 4 })
      const { user: b } = yield* seedActor(tenant)
      const unknown = anId<UserId>()
      const { results } = yield* bulkUsers(adminActor, {
        action: "update",
        ids: [a.id, b.id, admin.id, unknown],
        patch: { departmentId: department.id, phoneVerified: true }
      })
      assert.deepStrictEqual(
        results.map((r) => [r.ok, r.code]),
        [
          [true, undefined],
          [true, undefined],
          // nobody sets their own admin-only fields (issue 12, item 8), in bulk neither
          [false, "CannotEditOwnAdminFields"],
          [false, "UserNotFound"]
        ]
      )
      for (const user of [a, b]) {
        const stored = yield* theUser(tenant, user.email)
        assert.strictEqual(stored.departmentId, department.id)
        assert.isTrue(stored.phoneVerified)
        assert.strictEqual(stored.version, user.version + 1)
      }
      const updates = (yield* snapshot).get(memory.tables.Audit).filter((e) => e.action === "user.updated")
      assert.strictEqual(updates.length, 2)
      assert.strictEqual((yield* theUser(tenant, admin.email)).version, admin.version)
      const unknownDepartment = yield* bulkUsers(adminActor, {
        action: "update",
        ids: [a.id],
        patch: { departmentId: anId<DepartmentId>() }
      })
      assert.deepStrictEqual(unknownDepartment.results, [{ id: a.id, ok: false, code: "DepartmentNotFound" }])
    }).pipe(provide)
  )

  it.effect(
    "invite sends pending users a new link (the old one is revoked); an active user is UserNotPending",
    () =>
      Effect.gen(function* () {
        const { tenant, admin, adminActor } = yield* seedTenant({ preset: "wetrack" })
        yield* importUsers(adminActor, csvRows(2))
        const first = yield* theUser(tenant, "person1@example.com")
        const second = yield* theUser(tenant, "person2@example.com")
        const sentBefore = (yield* memory.Mailer.outbox).length
        const { results } = yield* bulkUsers(adminActor, {
          action: "invite",
          ids: [first.id, admin.id, second.id]
        })
        assert.deepStrictEqual(results, [
          { id: first.id, ok: true, emailSent: true },
          { id: admin.id, ok: false, code: "UserNotPending" },
          { id: second.id, ok: true, emailSent: true }
        ])
        const outbox = yield* memory.Mailer.outbox
        assert.deepStrictEqual(
          outbox.slice(sentBefore).map((m) => m.to),
          [first.email, second.email]
        )
        for (const user of [first, second]) {
          const states = (yield* invitationsOf(user)).map((i) => i.state).sort()
          assert.deepStrictEqual(states, ["pending", "revoked"])
        }
      }).pipe(provide)
  )
})

describe("bulkUsers: delete confirmation and input", () => {
  it.effect("delete needs confirm equal to the number of users selected; a mismatch deletes nothing", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      const { user: a } = yield* seedActor(tenant)
      const { user: b } = yield* seedActor(tenant)
      const ids = [a.id, b.id, admin.id, a.id]
      const wrong = (yield* failsUnchanged(
        bulkUsers(adminActor, { action: "delete", ids, confirm: 4 })
      )) as ConfirmationMismatch
      assert.strictEqual(wrong._tag, "ConfirmationMismatch")
      assert.deepStrictEqual([wrong.expected, wrong.given], [3, 4])
      const missing = (yield* failsUnchanged(
        bulkUsers(adminActor, { action: "delete", ids })
      )) as ConfirmationMismatch
      assert.deepStrictEqual([missing._tag, missing.given], ["ConfirmationMismatch", null])

      const { results } = yield* bulkUsers(adminActor, { action: "delete", ids, confirm: 3 })
      assert.deepStrictEqual(results, [
        { id: a.id, ok: true },
        { id: b.id, ok: true },
        { id: admin.id, ok: false, code: "CannotDeleteSelf" }
      ])
      assert.strictEqual(yield* statusOf(a), "gone")
      assert.strictEqual(yield* statusOf(b), "gone")
      assert.strictEqual(yield* statusOf(admin), "active")
    }).pipe(provide)
  )

  it.effect(
    "the action's permission is checked once up front: a Regular user is Forbidden, nothing per id",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedTenant()
        const { actor } = yield* seedActor(tenant, { role: role("Regular") })
        const { user: victim } = yield* seedActor(tenant)
        for (const action of ["update", "invite", "disable", "enable", "delete"] as const) {
          const input =
            action === "update"
              ? { action, ids: [victim.id], patch: { phoneVerified: true } }
              : { action, ids: [victim.id], confirm: 1 }
          assert.strictEqual((yield* failsUnchanged(bulkUsers(actor, input)))._tag, "Forbidden")
        }
      }).pipe(provide)
  )

  it.effect("input: 1 to 1,000 ids, a patch with update only and never an email", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const { user } = yield* seedActor(tenant)
      const tooMany = Array.from({ length: 1_001 }, () => anId<UserId>())
      const cases = [
        [{ action: "disable", ids: tooMany }, "InvalidInput"],
        [{ action: "disable", ids: [] }, "InvalidInput"],
        [{ action: "update", ids: [user.id] }, "InvalidInput"],
        [{ action: "disable", ids: [user.id], patch: { phoneVerified: true } }, "InvalidInput"],
        [{ action: "update", ids: [user.id], patch: { email: "x@example.com" } }, "EmailImmutable"],
        [{ action: "update", ids: [user.id], patch: { role: "Admin" } }, "InvalidInput"],
        [{ action: "promote", ids: [user.id] }, "InvalidInput"]
      ] as const
      for (const [input, tag] of cases) {
        assert.strictEqual((yield* failsUnchanged(bulkUsers(adminActor, input as never)))._tag, tag)
      }
      const atLimit = yield* bulkUsers(adminActor, { action: "enable", ids: tooMany.slice(0, 1_000) })
      assert.strictEqual(atLimit.results.length, 1_000)
      assert.isTrue(atLimit.results.every((r) => r.code === "UserNotFound"))
    }).pipe(provide)
  )
})
