import { assert, describe, it } from "@effect/vitest"
import { expireMemberships, listMembers, Outbox, type TenantId } from "@gatehouse/domain"
import { seedTenant } from "@gatehouse/testkit"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { auditTrail, provide, seedMember, seedOrganization } from "./support.ts"

const HOUR = 60 * 60 * 1000

const expiredEvents = (tenantId: TenantId) =>
  Effect.flatMap(Outbox, (outbox) =>
    Effect.map(outbox.events(tenantId, { limit: 100, types: ["membership.expired"] }), (page) => page.items)
  )

const nowMillis = Effect.clockWith((clock) => clock.currentTimeMillis)

describe("expireMemberships (the sweeper's step)", () => {
  it.effect(
    "a passed expiry is recorded with exactly one membership.expired event and audit event; one not yet due stays; a second run adds nothing",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const organization = yield* seedOrganization(tenant)
        const start = yield* nowMillis
        const leaving = yield* seedMember(tenant, organization.id, {
          role: "Limited",
          expiresAt: new Date(start + HOUR)
        })
        const staying = yield* seedMember(tenant, organization.id, {
          role: "Limited",
          expiresAt: new Date(start + 2 * HOUR)
        })

        assert.strictEqual(yield* expireMemberships({ limit: 10 }), 0, "nothing has passed yet")
        assert.deepStrictEqual(yield* expiredEvents(tenant.id), [])

        yield* TestClock.adjust(HOUR)
        assert.strictEqual(yield* expireMemberships({ limit: 10 }), 1)
        const events = yield* expiredEvents(tenant.id)
        assert.strictEqual(events.length, 1)
        const [event] = events
        assert.deepStrictEqual(event?.actor, { kind: "system", id: null })
        const data = event?.data as { userId?: string; organizationId?: string; user?: { id?: string } }
        assert.strictEqual(data.userId, leaving.user.id)
        assert.strictEqual(data.organizationId, organization.id)
        assert.strictEqual(data.user?.id, leaving.user.id, "the whole resource: the membership with its user")
        const audits = (yield* auditTrail).filter((a) => a.action === "membership.expired")
        assert.deepStrictEqual(
          audits.map((a) => [a.actorKind, a.targetId, a.details]),
          [
            [
              "system",
              leaving.user.id,
              {
                organizationId: organization.id,
                role: "Limited",
                expiresAt: new Date(start + HOUR).toISOString()
              }
            ]
          ]
        )

        // The expired membership no longer grants (and lists as not in effect); the other one still does.
        const listed = yield* listMembers(adminActor, organization.id)
        const inEffect = (userId: string) => listed.items.find((i) => i.user.id === userId)?.inEffect
        assert.isFalse(inEffect(leaving.user.id))
        assert.isTrue(inEffect(staying.user.id))

        assert.strictEqual(yield* expireMemberships({ limit: 10 }), 0, "a second run records nothing")
        assert.strictEqual((yield* expiredEvents(tenant.id)).length, 1)
        assert.strictEqual((yield* auditTrail).filter((a) => a.action === "membership.expired").length, 1)

        yield* TestClock.adjust(HOUR)
        assert.strictEqual(yield* expireMemberships({ limit: 10 }), 1)
        assert.deepStrictEqual(
          (yield* expiredEvents(tenant.id)).map((e) => (e.data as { userId: string }).userId),
          [leaving.user.id, staying.user.id]
        )
      }).pipe(provide)
  )

  it.effect("records at most `limit` per step, oldest expiry first; the next step takes the rest", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const start = yield* nowMillis
      const members = []
      for (const minutes of [30, 10, 20]) {
        members.push(
          yield* seedMember(tenant, organization.id, {
            role: "Limited",
            expiresAt: new Date(start + minutes * 60_000)
          })
        )
      }
      yield* TestClock.adjust(HOUR)
      assert.strictEqual(yield* expireMemberships({ limit: 2 }), 2)
      assert.strictEqual(yield* expireMemberships({ limit: 2 }), 1)
      assert.strictEqual(yield* expireMemberships({ limit: 2 }), 0)
      assert.deepStrictEqual(
        (yield* expiredEvents(tenant.id)).map((e) => (e.data as { userId: string }).userId),
        [members[1]!.user.id, members[2]!.user.id, members[0]!.user.id]
      )
    }).pipe(provide)
  )

  it.effect("a membership without expiry is never swept", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      yield* seedMember(tenant, organization.id, { role: "Limited" })
      yield* TestClock.adjust(365 * 24 * HOUR)
      assert.strictEqual(yield* expireMemberships({ limit: 10 }), 0)
      assert.deepStrictEqual(yield* expiredEvents(tenant.id), [])
    }).pipe(provide)
  )
})
