import { assert, describe, it } from "@effect/vitest"
import { MembershipRepository, removeMember, UserRepository, updateMember } from "@gatehouse/domain"
import { seedTenant } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import {
  auditTrail,
  failureTag,
  provide,
  role,
  seedMember,
  seedOrganization,
  seedOrganizationRole,
  snapshot
} from "./support.ts"

const HOUR = 60 * 60 * 1000

describe("updateMember and removeMember", () => {
  it.effect("an organization Admin changes a member's role, disables and removes them, each audited", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const admin = yield* seedMember(tenant, organization.id, { role: "Admin" })
      const { user } = yield* seedMember(tenant, organization.id, { role: "Limited" })
      const promoted = yield* updateMember(admin.actor, organization.id, user.id, { role: role("Admin") })
      assert.strictEqual(promoted.role, "Admin")
      const disabled = yield* updateMember(admin.actor, organization.id, user.id, { active: false })
      assert.isFalse(disabled.active)
      assert.strictEqual(disabled.role, "Admin")
      yield* removeMember(admin.actor, organization.id, user.id)
      const left = yield* (yield* MembershipRepository).find(tenant.id, organization.id, user.id)
      assert.isTrue(Option.isNone(left))
      assert.isTrue(Option.isSome(yield* (yield* UserRepository).findById(tenant.id, user.id)))
      assert.deepStrictEqual(
        (yield* auditTrail).map((e) => e.action),
        ["membership.updated", "membership.updated", "membership.removed"]
      )
    }).pipe(provide)
  )

  it.effect("rule 2/3: nobody changes their own membership's role, disables, expires or removes it", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const me = yield* seedMember(tenant, organization.id, { role: "Admin" })
      yield* seedMember(tenant, organization.id, { role: "Admin" })
      const start = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const before = yield* snapshot
      const cases = [
        [
          failureTag(updateMember(me.actor, organization.id, me.user.id, { role: role("Limited") })),
          "CannotChangeOwnRole"
        ],
        [
          failureTag(updateMember(me.actor, organization.id, me.user.id, { active: false })),
          "CannotDisableSelf"
        ],
        [
          failureTag(
            updateMember(me.actor, organization.id, me.user.id, { expiresAt: new Date(start + HOUR) })
          ),
          "CannotDisableSelf"
        ],
        [failureTag(removeMember(me.actor, organization.id, me.user.id)), "CannotDeleteSelf"]
      ] as const
      for (const [attempt, tag] of cases) {
        assert.strictEqual(yield* attempt, tag)
      }
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(provide)
  )

  it.effect("a tenant admin's own membership is guarded the same way", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      yield* (yield* MembershipRepository).insert({
        tenantId: tenant.id,
        organizationId: organization.id,
        userId: admin.id,
        role: role("Limited"),
        active: true,
        expiresAt: null,
        createdAt: new Date(0),
        updatedAt: new Date(0)
      })
      const error = yield* Effect.flip(
        updateMember(adminActor, organization.id, admin.id, { role: role("Admin") })
      )
      assert.strictEqual(error._tag, "CannotChangeOwnRole")
    }).pipe(provide)
  )

  it.effect("rule 5: the last Admin in effect cannot be demoted, disabled, expired or removed", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const { user } = yield* seedMember(tenant, organization.id, { role: "Admin" })
      yield* seedMember(tenant, organization.id, { role: "Limited" })
      const start = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const before = yield* snapshot
      const attempts = [
        Effect.flip(updateMember(adminActor, organization.id, user.id, { role: role("Limited") })),
        Effect.flip(updateMember(adminActor, organization.id, user.id, { active: false })),
        Effect.flip(
          updateMember(adminActor, organization.id, user.id, { expiresAt: new Date(start + HOUR) })
        ),
        Effect.flip(removeMember(adminActor, organization.id, user.id))
      ]
      for (const attempt of attempts) {
        const error = yield* attempt
        assert.strictEqual(error._tag, "LastAdmin")
        if (error._tag === "LastAdmin")
          assert.deepStrictEqual([error.scope, error.id], ["organization", organization.id])
      }
      assert.deepStrictEqual(yield* snapshot, before)
      // Changes that keep the Admin are fine.
      const same = yield* updateMember(adminActor, organization.id, user.id, {
        role: role("Admin"),
        active: true
      })
      assert.strictEqual(same.role, "Admin")
    }).pipe(provide)
  )

  it.effect("with two Admins one may go; then the other is the last", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const first = yield* seedMember(tenant, organization.id, { role: "Admin" })
      const second = yield* seedMember(tenant, organization.id, { role: "Admin" })
      yield* updateMember(first.actor, organization.id, second.user.id, { role: role("Limited") })
      const error = yield* Effect.flip(removeMember(adminActor, organization.id, first.user.id))
      assert.strictEqual(error._tag, "LastAdmin")
    }).pipe(provide)
  )

  it.effect(
    "Admins who do not count (disabled user, disabled or expired membership) do not save the last one",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const organization = yield* seedOrganization(tenant)
        const { user } = yield* seedMember(tenant, organization.id, { role: "Admin" })
        yield* seedMember(tenant, organization.id, { role: "Admin", user: { status: "disabled" } })
        yield* seedMember(tenant, organization.id, { role: "Admin", active: false })
        const start = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
        yield* seedMember(tenant, organization.id, { role: "Admin", expiresAt: new Date(start) })
        const error = yield* Effect.flip(removeMember(adminActor, organization.id, user.id))
        assert.strictEqual(error._tag, "LastAdmin")
      }).pipe(provide)
  )

  it.effect(
    "an Admin whose membership expires does not save the last one that does not (both would lapse)",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const organization = yield* seedOrganization(tenant)
        const start = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
        const permanent = yield* seedMember(tenant, organization.id, { role: "Admin" })
        const contractor = yield* seedMember(tenant, organization.id, {
          role: "Admin",
          expiresAt: new Date(start + HOUR)
        })
        const demote = yield* Effect.flip(
          updateMember(adminActor, organization.id, permanent.user.id, { role: role("Limited") })
        )
        assert.strictEqual(demote._tag, "LastAdmin")
        // Extending the contractor's expiry takes nothing away; removing them leaves the permanent Admin.
        const extended = yield* updateMember(adminActor, organization.id, contractor.user.id, {
          expiresAt: new Date(start + 2 * HOUR)
        })
        assert.strictEqual(extended.expiresAt?.getTime(), start + 2 * HOUR)
        yield* removeMember(adminActor, organization.id, contractor.user.id)
      }).pipe(provide)
  )

  it.effect("any organization role holding members:manage counts as an Admin", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      yield* seedOrganizationRole(tenant, "Co-Admin", ["org:read", "members:read", "members:manage"])
      const { user } = yield* seedMember(tenant, organization.id, { role: "Admin" })
      yield* seedMember(tenant, organization.id, { role: "Co-Admin" })
      yield* removeMember(adminActor, organization.id, user.id)
    }).pipe(provide)
  )

  it.effect(
    "a non-Admin member may be disabled, expired and removed freely; unknown ones are not found",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const organization = yield* seedOrganization(tenant)
        const { user } = yield* seedMember(tenant, organization.id, { role: "Limited" })
        const start = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
        const expiring = yield* updateMember(adminActor, organization.id, user.id, {
          expiresAt: new Date(start + HOUR)
        })
        assert.strictEqual(expiring.expiresAt?.getTime(), start + HOUR)
        const cleared = yield* updateMember(adminActor, organization.id, user.id, { expiresAt: null })
        assert.isNull(cleared.expiresAt)
        yield* removeMember(adminActor, organization.id, user.id)
        const again = yield* Effect.flip(removeMember(adminActor, organization.id, user.id))
        assert.strictEqual(again._tag, "MembershipNotFound")
        const update = yield* Effect.flip(
          updateMember(adminActor, organization.id, user.id, { active: true })
        )
        assert.strictEqual(update._tag, "MembershipNotFound")
      }).pipe(provide)
  )

  it.effect("rule 4 on a role change, and a Limited member cannot change anything", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      yield* seedOrganizationRole(tenant, "Gatekeeper", ["members:manage"])
      const keeper = yield* seedMember(tenant, organization.id, { role: "Gatekeeper" })
      const limited = yield* seedMember(tenant, organization.id, { role: "Limited" })
      const other = yield* seedMember(tenant, organization.id, { role: "Gatekeeper" })
      const escalation = yield* Effect.flip(
        updateMember(keeper.actor, organization.id, other.user.id, { role: role("Admin") })
      )
      assert.strictEqual(escalation._tag, "RoleEscalation")
      const unknownRole = yield* Effect.flip(
        updateMember(keeper.actor, organization.id, other.user.id, { role: role("Regular") })
      )
      assert.strictEqual(unknownRole._tag, "RoleNotFound")
      const forbidden = yield* Effect.flip(
        updateMember(limited.actor, organization.id, other.user.id, { active: false })
      )
      assert.strictEqual(forbidden._tag, "Forbidden")
      assert.strictEqual(
        (yield* Effect.flip(removeMember(limited.actor, organization.id, other.user.id)))._tag,
        "Forbidden"
      )
    }).pipe(provide)
  )
})
