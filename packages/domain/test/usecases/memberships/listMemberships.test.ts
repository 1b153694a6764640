import { assert, describe, it } from "@effect/vitest"
import { encodeCursor, listMemberships, type OrganizationId, userActor } from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { actorOf, failureTag, provide, role, seedMember, seedOrganization, snapshot } from "./support.ts"

const DAY = 86_400_000
const START = Date.parse("2031-03-10T09:00:00.000Z")

/** A weavestream tenant (003) at START with two organizations, one inactive, and contractors in both. */
const contractors = Effect.gen(function* () {
  yield* TestClock.setTime(START)
  const seeded = yield* seedTenant({ preset: "weavestream" })
  const { tenant } = seeded
  const north = yield* seedOrganization(tenant, { name: "North" })
  const south = yield* seedOrganization(tenant, { name: "South", status: "inactive" })
  const carla = yield* seedMember(tenant, north.id, {
    role: "OPERATOR_FULL",
    expiresAt: new Date(START + 5 * DAY),
    user: { firstName: "Carla", lastName: "Contractor" }
  })
  const soon = yield* seedMember(tenant, south.id, {
    role: "OPERATOR_READONLY",
    expiresAt: new Date(START + 2 * DAY),
    user: { firstName: "Sunny", lastName: "South" }
  })
  const client = yield* seedMember(tenant, north.id, {
    role: "CLIENT_ADMIN",
    user: { firstName: "Clio", lastName: "Client" }
  })
  return { ...seeded, north, south, carla, soon, client }
})

describe("listMemberships (GET /v1/memberships)", () => {
  it.effect("a tenant admin lists every organization's memberships by expiry, with inEffect as of now", () =>
    Effect.gen(function* () {
      const w = yield* contractors
      const page = yield* listMemberships(w.adminActor)
      assert.strictEqual(page.total, 3)
      assert.isNull(page.nextCursor)
      assert.deepStrictEqual(
        page.items.map((i) => [i.user.firstName, i.organization.name, i.role, i.inEffect]),
        [
          // an inactive organization's membership is listed, and grants nothing
          ["Sunny", "South", "OPERATOR_READONLY", false],
          ["Carla", "North", "OPERATOR_FULL", true],
          ["Clio", "North", "CLIENT_ADMIN", true]
        ]
      )
      const first = page.items[0]!
      assert.strictEqual(first.organization.status, "inactive")
      assert.strictEqual(first.organization.slug, w.south.slug)
      assert.strictEqual(first.expiresAt?.getTime(), START + 2 * DAY)
      assert.deepStrictEqual(Object.keys(first.user).sort(), [
        "displayName",
        "email",
        "firstName",
        "id",
        "lastName"
      ])

      // expiry needs no job: five days on, Carla's membership is listed and no longer in effect
      yield* TestClock.adjust(5 * DAY)
      const later = yield* listMemberships(w.adminActor, { userId: w.carla.user.id })
      assert.deepStrictEqual(
        later.items.map((i) => [i.user.firstName, i.inEffect]),
        [["Carla", false]]
      )
    }).pipe(provide)
  )

  it.effect(
    "filters: expiring within N days (expiresAfter now, expiresBefore now + N), role, organization, q",
    () =>
      Effect.gen(function* () {
        const w = yield* contractors
        const now = new Date(START)
        const within = (days: number) =>
          listMemberships(w.adminActor, { expiresAfter: now, expiresBefore: new Date(START + days * DAY) })
        assert.deepStrictEqual(
          (yield* within(3)).items.map((i) => i.user.firstName),
          ["Sunny"]
        )
        assert.strictEqual((yield* within(7)).total, 2)
        const full = yield* listMemberships(w.adminActor, { role: "OPERATOR_FULL" })
        assert.deepStrictEqual(
          full.items.map((i) => i.user.id),
          [w.carla.user.id]
        )
        // ids compare whatever their casing
        const north = yield* listMemberships(w.adminActor, {
          organizationId: w.north.id.toUpperCase() as OrganizationId
        })
        assert.strictEqual(north.total, 2)
        const searched = yield* listMemberships(w.adminActor, { q: "CLIO CL" })
        assert.deepStrictEqual(
          searched.items.map((i) => i.user.id),
          [w.client.user.id]
        )
      }).pipe(provide)
  )

  it.effect("pages with the list's own cursor; another list's cursor or a bad window is InvalidInput", () =>
    Effect.gen(function* () {
      const w = yield* contractors
      const first = yield* listMemberships(w.adminActor, { limit: 2 })
      assert.strictEqual(first.items.length, 2)
      const second = yield* listMemberships(w.adminActor, { limit: 2, cursor: first.nextCursor! })
      assert.deepStrictEqual(
        second.items.map((i) => i.user.firstName),
        ["Clio"]
      )
      assert.isNull(second.nextCursor)
      const before = yield* snapshot
      const bad = [
        { cursor: "%%%" },
        // a users-by-name cursor: a text key
        { cursor: encodeCursor({ key: "carla contractor", id: w.carla.user.id }) },
        // the right kind of key, but not `<organization id>/<user id>`
        { cursor: encodeCursor({ key: START, id: w.carla.user.id }) },
        { limit: 0 },
        { limit: 201 },
        { organizationId: "not-a-uuid" },
        { q: "a\u0000b" },
        { expiresBefore: new Date(Number.NaN) },
        { expiresAfter: new Date(START), expiresBefore: new Date(START) }
      ]
      for (const query of bad) {
        assert.strictEqual(
          yield* failureTag(listMemberships(w.adminActor, query)),
          "InvalidInput",
          JSON.stringify(query)
        )
      }
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(provide)
  )

  it.effect(
    "who may read memberships tenant-wide: members:read or members:manage tenant-wide, no one else",
    () =>
      Effect.gen(function* () {
        const w = yield* contractors
        const operator = actorOf(yield* seedUser(w.tenant, { role: role("OPERATOR") }))
        assert.strictEqual((yield* listMemberships(operator)).total, 3)
        // CONTRACTOR and CLIENT_USER hold nothing tenant-wide
        const contractor = actorOf(yield* seedUser(w.tenant, { role: role("CONTRACTOR") }))
        assert.strictEqual(yield* failureTag(listMemberships(contractor)), "Forbidden")
        // an organization's own Admin (members:manage in North only) reads North's members, not the tenant's
        const northAdmin = yield* seedMember(w.tenant, w.north.id, { role: "CLIENT_ADMIN" })
        assert.strictEqual(yield* failureTag(listMemberships(northAdmin.actor)), "Forbidden")
        // a disabled admin, or one of another tenant, is refused too
        const disabled = actorOf(yield* seedUser(w.tenant, { role: role("SUPER_ADMIN"), status: "disabled" }))
        assert.strictEqual(yield* failureTag(listMemberships(disabled)), "Forbidden")
        const stranger = userActor(w.tenant.id, (yield* seedTenant({ preset: "weavestream" })).admin.id)
        assert.strictEqual(yield* failureTag(listMemberships(stranger)), "Forbidden")
        // refused before anything about the query is looked at
        assert.strictEqual(yield* failureTag(listMemberships(contractor, { cursor: "%%%" })), "Forbidden")
      }).pipe(provide)
  )

  it.effect(
    "users:read alone does not read memberships: wetrack's User Admin is Forbidden, its Account Admin reads",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant({ preset: "wetrack" })
        const userAdmin = actorOf(yield* seedUser(tenant, { role: role("User Admin") }))
        assert.strictEqual(yield* failureTag(listMemberships(userAdmin)), "Forbidden")
        assert.deepStrictEqual(yield* listMemberships(adminActor), { items: [], total: 0, nextCursor: null })
      }).pipe(provide)
  )

  it.effect("another tenant's memberships never appear", () =>
    Effect.gen(function* () {
      const mine = yield* contractors
      const theirs = yield* seedTenant({ preset: "weavestream" })
      const theirOrganization = yield* seedOrganization(theirs.tenant, { name: "Elsewhere" })
      yield* seedMember(theirs.tenant, theirOrganization.id, {
        role: "OPERATOR_FULL",
        expiresAt: new Date(START + DAY),
        user: { firstName: "Carla", lastName: "Contractor" }
      })
      const page = yield* listMemberships(mine.adminActor)
      assert.strictEqual(page.total, 3)
      assert.isFalse(page.items.some((i) => i.organization.id === theirOrganization.id))
      const filtered = yield* listMemberships(mine.adminActor, { organizationId: theirOrganization.id })
      assert.deepStrictEqual(filtered, { items: [], total: 0, nextCursor: null })
    }).pipe(provide)
  )
})
