import { assert, describe, it } from "@effect/vitest"
import { createGroup, deleteGroup, queryAudit } from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { actorOf, failureTag, provide, role } from "../memberships/support.ts"

describe("queryAudit", () => {
  it.effect("pages the tenant's events newest first, with filters and a total", () =>
    Effect.gen(function* () {
      const { adminActor, admin } = yield* seedTenant({ preset: "wetrack" })
      const other = yield* seedTenant({ preset: "wetrack" })
      const names = ["One", "Two", "Three", "Four", "Five"]
      const groups = []
      for (const name of names) {
        groups.push(yield* createGroup(adminActor, { name }))
        yield* TestClock.adjust(1000)
      }
      yield* deleteGroup(adminActor, groups[1]!.id)
      yield* createGroup(other.adminActor, { name: "Elsewhere" })

      const seen: Array<string> = []
      let cursor: string | undefined
      for (let round = 0; round < 10; round++) {
        const page = yield* queryAudit(adminActor, { limit: 2, ...(cursor === undefined ? {} : { cursor }) })
        assert.strictEqual(page.total, 6)
        seen.push(...page.items.map((e) => `${e.action}:${String(e.details.name)}`))
        assert.isTrue(page.items.every((e) => e.actorId === admin.id))
        if (page.nextCursor === null) break
        cursor = page.nextCursor
      }
      assert.deepStrictEqual(seen, [
        "group.deleted:Two",
        "group.created:Five",
        "group.created:Four",
        "group.created:Three",
        "group.created:Two",
        "group.created:One"
      ])

      const deleted = yield* queryAudit(adminActor, { action: "group.deleted" })
      assert.deepStrictEqual(
        deleted.items.map((e) => e.targetId),
        [groups[1]!.id]
      )
      const aboutTwo = yield* queryAudit(adminActor, { targetId: groups[1]!.id })
      assert.deepStrictEqual(
        aboutTwo.items.map((e) => e.action),
        ["group.deleted", "group.created"]
      )
      const byNobody = yield* queryAudit(adminActor, { actorId: other.admin.id })
      assert.strictEqual(byNobody.total, 0)
    }).pipe(provide)
  )

  it.effect("needs audit:read", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ preset: "wetrack" })
      const userAdmin = actorOf(yield* seedUser(tenant, { role: role("User Admin") }))
      const admin = actorOf(yield* seedUser(tenant, { role: role("Admin") }))
      const general = actorOf(yield* seedUser(tenant, { role: role("General") }))
      assert.strictEqual((yield* queryAudit(userAdmin)).total, 0)
      assert.strictEqual(yield* failureTag(queryAudit(admin)), "Forbidden")
      assert.strictEqual(yield* failureTag(queryAudit(general)), "Forbidden")
    }).pipe(provide)
  )

  it.effect(
    "an actor filter that is not a user id is InvalidInput (decoded here, never reaching the store)",
    () =>
      Effect.gen(function* () {
        const { adminActor } = yield* seedTenant()
        for (const actorId of ["not-a-uuid", "", "00000000-0000-0000-0000-00000000000g"]) {
          assert.strictEqual(yield* failureTag(queryAudit(adminActor, { actorId })), "InvalidInput")
        }
      }).pipe(provide)
  )

  it.effect("a cursor that is not ours, or a limit out of range, is InvalidInput", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant()
      for (const cursor of ["garbage", "eyJ4IjoxfQ", ""]) {
        assert.strictEqual(yield* failureTag(queryAudit(adminActor, { cursor })), "InvalidInput")
      }
      for (const limit of [0, 201, 1.5]) {
        assert.strictEqual(yield* failureTag(queryAudit(adminActor, { limit })), "InvalidInput")
      }
    }).pipe(provide)
  )

  it.effect(
    "filters by a time window: from inclusive, before exclusive; an empty or bad window is InvalidInput",
    () =>
      Effect.gen(function* () {
        const { adminActor } = yield* seedTenant({ preset: "wetrack" })
        const created: Array<{ readonly name: string; readonly at: Date }> = []
        for (const name of ["Early", "Middle", "Late"]) {
          yield* TestClock.adjust(60_000)
          yield* createGroup(adminActor, { name })
          const page = yield* queryAudit(adminActor, { action: "group.created", limit: 1 })
          created.push({ name, at: page.items[0]!.at })
        }
        const names = (query: Parameters<typeof queryAudit>[1]) =>
          Effect.map(queryAudit(adminActor, { action: "group.created", ...query }), (page) => ({
            names: page.items.map((e) => String(e.details.name)),
            total: page.total
          }))
        const [early, middle, late] = created.map((c) => c.at)
        assert.deepStrictEqual(yield* names({ from: middle }), { names: ["Late", "Middle"], total: 2 })
        assert.deepStrictEqual(yield* names({ before: middle }), { names: ["Early"], total: 1 })
        assert.deepStrictEqual(yield* names({ from: early, before: late }), {
          names: ["Middle", "Early"],
          total: 2
        })
        for (const query of [
          { from: late!, before: late! },
          { from: late!, before: early! },
          { from: new Date(Number.NaN) },
          { before: new Date("not a date") }
        ]) {
          assert.strictEqual(yield* failureTag(queryAudit(adminActor, query)), "InvalidInput")
        }
      }).pipe(provide)
  )
})
