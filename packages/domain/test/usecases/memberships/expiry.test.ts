import { assert, describe, it } from "@effect/vitest"
import { addMember, getOrganization, listMembers, listOrganizations, userActor } from "@gatehouse/domain"
import { seedTenant } from "@gatehouse/testkit"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { email, provide, role, seedMember, seedOrganization } from "./support.ts"

const HOUR = 60 * 60 * 1000

describe("membership expiry (rule 7: evaluated when read, no job)", () => {
  it.effect("a member reads the organization before expiresAt and gets Forbidden from it on", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      yield* seedMember(tenant, organization.id, { role: "Admin" })
      const start = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const added = yield* addMember(adminActor, organization.id, {
        email: email("contractor@example.com"),
        firstName: "Casey",
        lastName: "Contractor",
        role: role("Limited"),
        expiresAt: new Date(start + HOUR)
      })
      // The person was created pending by addMember; activation is the setup flow's job, so make them active.
      const member = yield* seedMember(tenant, organization.id, {
        role: "Limited",
        expiresAt: new Date(start + HOUR)
      })
      assert.strictEqual(added.membership.expiresAt?.getTime(), start + HOUR)

      yield* TestClock.adjust(HOUR - 1)
      assert.strictEqual((yield* getOrganization(member.actor, organization.id)).id, organization.id)
      assert.strictEqual((yield* listOrganizations(member.actor)).total, 1)

      yield* TestClock.adjust(1)
      const error = yield* Effect.flip(getOrganization(member.actor, organization.id))
      assert.strictEqual(error._tag, "Forbidden")
      assert.strictEqual((yield* Effect.flip(listOrganizations(member.actor)))._tag, "Forbidden")

      const listed = yield* listMembers(adminActor, organization.id)
      const entry = listed.items.find((i) => i.user.id === member.user.id)
      assert.isFalse(entry?.inEffect)
      const disabled = yield* listMembers(adminActor, organization.id, { status: "disabled" })
      assert.deepStrictEqual(
        disabled.items.map((i) => i.user.id).sort(),
        [added.user.id, member.user.id].sort()
      )
    }).pipe(provide)
  )

  it.effect("an organization Admin whose membership expired can no longer manage its members", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const start = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const admin = yield* seedMember(tenant, organization.id, {
        role: "Admin",
        expiresAt: new Date(start + HOUR)
      })
      const newcomer = (n: number) => ({
        email: email(`newcomer${n}@example.com`),
        firstName: "New",
        lastName: "Comer",
        role: role("Limited")
      })
      yield* addMember(userActor(tenant.id, admin.user.id), organization.id, newcomer(1))
      yield* TestClock.adjust(HOUR)
      const error = yield* Effect.flip(addMember(admin.actor, organization.id, newcomer(2)))
      assert.strictEqual(error._tag, "Forbidden")
    }).pipe(provide)
  )

  it.effect("an expiry in the past is refused", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      yield* TestClock.adjust(HOUR)
      const start = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const error = yield* Effect.flip(
        addMember(adminActor, organization.id, {
          email: email("late@example.com"),
          firstName: "Late",
          lastName: "Comer",
          role: role("Limited"),
          expiresAt: new Date(start)
        })
      )
      assert.strictEqual(error._tag, "InvalidInput")
    }).pipe(provide)
  )
})
