import { assert, describe, it } from "@effect/vitest"
import { type ListUsersQuery, listUsers, type UserView } from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect } from "effect"
import { provide, role, seedActor, seedDepartment, seedGroup } from "./support.ts"

const names = (items: ReadonlyArray<UserView>) => items.map((u) => `${u.firstName} ${u.lastName}`)

/** Five users besides the admin ("First<n> Last<n>"), in a known name order. */
const seedPeople = Effect.gen(function* () {
  const seeded = yield* seedTenant({ preset: "wetrack" })
  const { tenant } = seeded
  const sales = yield* seedDepartment(tenant)
  const night = yield* seedGroup(tenant)
  const people = [
    yield* seedUser(tenant, { firstName: "Carol", lastName: "Diaz", email: "carol@x.io" as never }),
    yield* seedUser(tenant, {
      firstName: "alice",
      lastName: "Zimmer",
      email: "zz@x.io" as never,
      departmentId: sales.id
    }),
    yield* seedUser(tenant, {
      firstName: "Bob",
      lastName: "Young",
      email: "bob@x.io" as never,
      status: "disabled",
      groupIds: [night.id]
    }),
    yield* seedUser(tenant, {
      firstName: "Dave",
      lastName: "Xu",
      email: "dave@x.io" as never,
      role: role("Admin"),
      departmentId: sales.id,
      groupIds: [night.id],
      adminNotes: "notes"
    }),
    yield* seedUser(tenant, { firstName: "Erin", lastName: "Wu", email: "erin@x.io" as never })
  ]
  return { ...seeded, sales, night, people }
})

describe("listUsers", () => {
  it.effect("needs users:read: a Regular user gets Forbidden", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const regular = yield* seedActor(tenant)
      const error = yield* Effect.flip(listUsers(regular.actor, {}))
      assert.strictEqual(error._tag, "Forbidden")
    }).pipe(provide)
  )

  it.effect("sorts by name by default (case-insensitive), total counts everyone", () =>
    Effect.gen(function* () {
      const { adminActor, admin } = yield* seedPeople
      const page = yield* listUsers(adminActor)
      assert.strictEqual(page.total, 6)
      assert.isNull(page.nextCursor)
      const expected = [
        "alice Zimmer",
        "Bob Young",
        "Carol Diaz",
        "Dave Xu",
        "Erin Wu",
        `${admin.firstName} ${admin.lastName}`
      ]
      assert.deepStrictEqual(names(page.items), expected)
    }).pipe(provide)
  )

  it.effect("sorts by email on request", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedPeople
      const page = yield* listUsers(adminActor, { sort: "email", q: "@x.io" })
      assert.deepStrictEqual(
        page.items.map((u) => u.email),
        ["bob@x.io", "carol@x.io", "dave@x.io", "erin@x.io", "zz@x.io"]
      )
    }).pipe(provide)
  )

  it.effect("filters by q, status, role, department and group, with a total for the filter", () =>
    Effect.gen(function* () {
      const { adminActor, sales, night } = yield* seedPeople
      const cases: ReadonlyArray<readonly [ListUsersQuery, ReadonlyArray<string>]> = [
        [{ q: "ALICE" }, ["alice Zimmer"]],
        [{ q: "carol@x" }, ["Carol Diaz"]],
        [{ q: "dave xu" }, ["Dave Xu"]],
        [{ status: "disabled" }, ["Bob Young"]],
        [{ role: role("Admin") }, ["Dave Xu"]],
        [{ departmentId: sales.id }, ["alice Zimmer", "Dave Xu"]],
        [{ groupId: night.id }, ["Bob Young", "Dave Xu"]],
        [{ groupId: night.id, status: "active" }, ["Dave Xu"]]
      ]
      for (const [query, expected] of cases) {
        const page = yield* listUsers(adminActor, query)
        assert.deepStrictEqual(names(page.items), expected, JSON.stringify(query))
        assert.strictEqual(page.total, expected.length)
      }
    }).pipe(provide)
  )

  it.effect("pages with a cursor: every user once, in order, total on every page", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedPeople
      const all = names((yield* listUsers(adminActor)).items)
      const seen: Array<string> = []
      let cursor: string | undefined
      let pages = 0
      do {
        const page = yield* listUsers(adminActor, cursor === undefined ? { limit: 2 } : { limit: 2, cursor })
        assert.strictEqual(page.total, 6)
        assert.isAtMost(page.items.length, 2)
        seen.push(...names(page.items))
        cursor = page.nextCursor ?? undefined
        pages++
      } while (cursor !== undefined && pages < 10)
      assert.strictEqual(pages, 3)
      assert.deepStrictEqual(seen, all)
    }).pipe(provide)
  )

  it.effect("a cursor that is not ours, a limit out of range or an unknown key is InvalidInput", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedPeople
      const bad: ReadonlyArray<unknown> = [
        { cursor: "not-a-cursor" },
        { cursor: btoa("{}") },
        { limit: 0 },
        { limit: 201 },
        { limit: 1.5 },
        { sort: "password" },
        { status: "gone" },
        { tenantId: "x" }
      ]
      for (const query of bad) {
        const error = yield* Effect.flip(listUsers(adminActor, query as ListUsersQuery))
        assert.strictEqual(error._tag, "InvalidInput", JSON.stringify(query))
      }
      const max = yield* listUsers(adminActor, { limit: 200 })
      assert.strictEqual(max.items.length, 6)
    }).pipe(provide)
  )

  it.effect("never a password hash; admin notes only for users:write holders", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant({ preset: "puqcloud" })
      yield* seedUser(tenant, { adminNotes: "secret note", passwordHash: "$fake$x" })
      const staff = yield* seedActor(tenant, { role: role("Staff") })
      const forAdmin = yield* listUsers(adminActor, { q: "" })
      assert.isTrue(forAdmin.items.some((u) => u.adminNotes === "secret note"))
      const forStaff = yield* listUsers(staff.actor)
      assert.strictEqual(forStaff.total, 3)
      for (const view of [...forAdmin.items, ...forStaff.items]) assert.isFalse("passwordHash" in view)
      for (const view of forStaff.items) assert.isFalse("adminNotes" in view)
    }).pipe(provide)
  )

  it.effect("lists only the actor's tenant (rule 1)", () =>
    Effect.gen(function* () {
      const { adminActor, admin } = yield* seedTenant()
      const other = yield* seedTenant()
      yield* seedUser(other.tenant)
      const page = yield* listUsers(adminActor)
      assert.deepStrictEqual(
        page.items.map((u) => u.id),
        [admin.id]
      )
      assert.strictEqual(page.total, 1)
    }).pipe(provide)
  )
})
