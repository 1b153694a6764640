import { assert, describe, it } from "@effect/vitest"
import { listMembers } from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect } from "effect"
import { actorOf, email, provide, role, seedMember, seedOrganization } from "./support.ts"

describe("listMembers", () => {
  it.effect("lists the organization's members by name with their membership, never secrets", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const other = yield* seedOrganization(tenant)
      for (const [firstName, roleName] of [
        ["Carol", "Limited"],
        ["alice", "Admin"],
        ["Bob", "Limited"]
      ] as const) {
        yield* seedMember(tenant, organization.id, {
          role: roleName,
          user: { firstName, lastName: "Doe", adminNotes: "secret note", passwordHash: "$fake$hash" }
        })
      }
      yield* seedMember(tenant, other.id, { role: "Admin", user: { firstName: "Zed", lastName: "Outsider" } })
      yield* seedUser(tenant, { firstName: "Nina", lastName: "Nonmember" })

      const page = yield* listMembers(adminActor, organization.id)
      assert.deepStrictEqual(
        page.items.map((i) => i.user.firstName),
        ["alice", "Bob", "Carol"]
      )
      assert.strictEqual(page.total, 3)
      assert.isNull(page.nextCursor)
      for (const item of page.items) {
        assert.notProperty(item.user, "passwordHash")
        assert.notProperty(item.user, "adminNotes")
        assert.strictEqual(item.membership.userId, item.user.id)
        assert.strictEqual(item.membership.organizationId, organization.id)
        assert.isTrue(item.inEffect)
      }
      assert.notInclude(JSON.stringify(page), "secret note")
      assert.notInclude(JSON.stringify(page), "$fake$hash")
    }).pipe(provide)
  )

  it.effect("filters by status and q, pages with a cursor, counts the filtered total", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      for (let i = 0; i < 5; i++) {
        yield* seedMember(tenant, organization.id, {
          role: "Limited",
          user: { firstName: `Member${i}`, lastName: "Smith", email: email(`member${i}@example.com`) }
        })
      }
      const off = yield* seedMember(tenant, organization.id, {
        role: "Limited",
        active: false,
        user: { firstName: "Member9", lastName: "Jones" }
      })
      const active = yield* listMembers(adminActor, organization.id, { status: "active" })
      assert.strictEqual(active.total, 5)
      const disabled = yield* listMembers(adminActor, organization.id, { status: "disabled" })
      assert.deepStrictEqual(
        disabled.items.map((i) => i.user.id),
        [off.user.id]
      )
      assert.isFalse(disabled.items[0]?.inEffect)
      const searched = yield* listMembers(adminActor, organization.id, { q: "JONES" })
      assert.deepStrictEqual(
        searched.items.map((i) => i.user.id),
        [off.user.id]
      )

      const seen: Array<string> = []
      let cursor: string | undefined
      for (let round = 0; round < 10; round++) {
        const page = yield* listMembers(adminActor, organization.id, {
          limit: 2,
          sort: "email",
          ...(cursor === undefined ? {} : { cursor })
        })
        assert.strictEqual(page.total, 6)
        seen.push(...page.items.map((i) => i.user.email))
        if (page.nextCursor === null) break
        cursor = page.nextCursor
      }
      assert.strictEqual(seen.length, 6)
      assert.deepStrictEqual(seen, [...seen].sort())
      assert.strictEqual(new Set(seen).size, 6)
    }).pipe(provide)
  )

  it.effect(
    "an organization Admin lists their own organization; Limited members and outsiders are Forbidden",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedTenant()
        const organization = yield* seedOrganization(tenant)
        const other = yield* seedOrganization(tenant)
        const admin = yield* seedMember(tenant, organization.id, { role: "Admin" })
        const limited = yield* seedMember(tenant, organization.id, { role: "Limited" })
        const regular = actorOf(yield* seedUser(tenant, { role: role("Regular") }))
        assert.strictEqual((yield* listMembers(admin.actor, organization.id)).total, 2)
        assert.strictEqual((yield* Effect.flip(listMembers(admin.actor, other.id)))._tag, "Forbidden")
        assert.strictEqual(
          (yield* Effect.flip(listMembers(limited.actor, organization.id)))._tag,
          "Forbidden"
        )
        assert.strictEqual((yield* Effect.flip(listMembers(regular, organization.id)))._tag, "Forbidden")
      }).pipe(provide)
  )

  it.effect("an empty organization lists nothing; a forged cursor is InvalidInput", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const empty = yield* listMembers(adminActor, organization.id)
      assert.deepStrictEqual(empty, { items: [], total: 0, nextCursor: null })
      const forged = yield* Effect.flip(listMembers(adminActor, organization.id, { cursor: "%%%" }))
      assert.strictEqual(forged._tag, "InvalidInput")
    }).pipe(provide)
  )
})
