import { assert } from "@effect/vitest"
import {
  type Membership,
  type MembershipListing,
  type MembershipListQuery,
  MembershipRepository,
  type Organization,
  OrganizationRepository,
  type RoleName,
  type TenantId,
  type User,
  UserRepository
} from "@gatehouse/domain"
import { Effect, type Layer } from "effect"
import { aMembership, anOrganization, aUser } from "../builders.ts"
import { type ContractIt, freshTenant, type Repositories, registerContract, walkPages } from "./support.ts"

const DAY = 86_400_000
const NOW = new Date("2031-03-10T09:00:00.000Z")
const inDays = (days: number) => new Date(NOW.getTime() + days * DAY)

const OPERATOR_FULL = "OPERATOR_FULL" as RoleName
const CLIENT_VIEWER = "CLIENT_VIEWER" as RoleName

/** How a row reads in a failure message: `<organization name>/<user first name>`. */
const labelOf = (row: MembershipListing) => `${row.organization.name}/${row.user.firstName}`

/**
 * One tenant: three organizations (Beta inactive) and four users; memberships with expiries before, at and
 * after `NOW`, two sharing one instant (ties go by organization id, then user id), and three without one.
 */
const world = Effect.gen(function* () {
  const { tenant } = yield* freshTenant({ preset: "weavestream" })
  const organizations = yield* OrganizationRepository
  const users = yield* UserRepository
  const memberships = yield* MembershipRepository
  const org = (name: string, status: Organization["status"] = "active") =>
    organizations.insert(anOrganization({ tenantId: tenant.id, name, status }))
  // emails unique across tenants: another tenant's search must not find this one's people by address
  const tag = tenant.id.slice(0, 8)
  const alpha = yield* org("Alpha")
  const beta = yield* org("Beta", "inactive")
  const gamma = yield* org("Gamma")
  const user = (firstName: string, lastName: string, email: string, displayName: string | null = null) =>
    users.insert(
      aUser({ tenantId: tenant.id, firstName, lastName, email, displayName } as Partial<User> & {
        tenantId: TenantId
      })
    )
  const ada = yield* user("Ada", "Lovelace", `ada.${tag}@contractors.example`)
  const bob = yield* user("Bob", "Stone", `bob.stone.${tag}@example.com`, "Bobby 100%")
  const cyd = yield* user("Cyd", "Charisse", `cyd.${tag}@example.com`)
  const dan = yield* user("Dan", "Brown", `dan.${tag}@contractors.example`)
  const tie = inDays(3)
  const rows: Array<Membership> = []
  const add = (organization: Organization, member: User, overrides: Partial<Membership>) =>
    Effect.map(
      memberships.insert(
        aMembership({ tenantId: tenant.id, organizationId: organization.id, userId: member.id, ...overrides })
      ),
      (m) => {
        rows.push(m)
        return m
      }
    )
  yield* add(alpha, ada, { role: OPERATOR_FULL, expiresAt: inDays(10) })
  yield* add(gamma, ada, { role: OPERATOR_FULL, expiresAt: tie })
  yield* add(alpha, bob, { role: CLIENT_VIEWER, expiresAt: tie })
  yield* add(beta, bob, { role: OPERATOR_FULL, expiresAt: inDays(1) })
  yield* add(alpha, cyd, { role: CLIENT_VIEWER, expiresAt: inDays(-2) })
  yield* add(gamma, cyd, { role: OPERATOR_FULL, expiresAt: NOW })
  yield* add(beta, cyd, { role: CLIENT_VIEWER, expiresAt: null, active: false })
  yield* add(gamma, dan, { role: CLIENT_VIEWER, expiresAt: null })
  yield* add(alpha, dan, { role: OPERATOR_FULL, expiresAt: null })
  return { tenant, alpha, beta, gamma, ada, bob, cyd, dan, tie, rows }
})

const list = (tenantId: TenantId, query: Partial<MembershipListQuery> = {}) =>
  Effect.flatMap(MembershipRepository, (m) => m.listAcrossOrganizations(tenantId, { limit: 200, ...query }))

/** Every row of the filter, walked page by page (checking every page's shape). */
const walk = (tenantId: TenantId, limit: number, query: Partial<MembershipListQuery> = {}) =>
  walkPages(limit, (cursor) =>
    list(tenantId, { ...query, limit, ...(cursor === undefined ? {} : { cursor }) })
  )

const byIds = (
  a: Pick<Membership, "organizationId" | "userId">,
  b: Pick<Membership, "organizationId" | "userId">
) =>
  a.organizationId < b.organizationId
    ? -1
    : a.organizationId > b.organizationId
      ? 1
      : a.userId < b.userId
        ? -1
        : a.userId > b.userId
          ? 1
          : 0

/** The MembershipRepository.listAcrossOrganizations guarantees: order, filters, cursor pages, isolation. */
export const membershipListingTests = (it: ContractIt): void => {
  it.effect("lists every membership of the tenant by expiry, then organization id, then user id", () =>
    Effect.gen(function* () {
      const w = yield* world
      const page = yield* list(w.tenant.id)
      assert.strictEqual(page.total, 9)
      assert.strictEqual(page.nextCursor, null)
      const tied = [
        { organizationId: w.gamma.id, userId: w.ada.id, label: "Gamma/Ada" },
        { organizationId: w.alpha.id, userId: w.bob.id, label: "Alpha/Bob" }
      ].sort(byIds)
      const undated = [
        { organizationId: w.beta.id, userId: w.cyd.id, label: "Beta/Cyd" },
        { organizationId: w.gamma.id, userId: w.dan.id, label: "Gamma/Dan" },
        { organizationId: w.alpha.id, userId: w.dan.id, label: "Alpha/Dan" }
      ].sort(byIds)
      assert.deepStrictEqual(page.items.map(labelOf), [
        "Alpha/Cyd",
        "Gamma/Cyd",
        "Beta/Bob",
        ...tied.map((t) => t.label),
        "Alpha/Ada",
        ...undated.map((t) => t.label)
      ])
    })
  )

  it.effect(
    "each row carries its membership, the user's names and email, and the organization's status",
    () =>
      Effect.gen(function* () {
        const w = yield* world
        const page = yield* list(w.tenant.id, { userId: w.bob.id })
        const bobs = w.rows.filter((m) => m.userId === w.bob.id)
        assert.strictEqual(page.items.length, 2)
        const inBeta = page.items.find((row) => row.organization.id === w.beta.id)
        assert.deepStrictEqual(inBeta, {
          membership: bobs.find((m) => m.organizationId === w.beta.id)!,
          user: {
            id: w.bob.id,
            firstName: "Bob",
            lastName: "Stone",
            displayName: "Bobby 100%",
            email: w.bob.email
          },
          organization: { id: w.beta.id, name: "Beta", slug: w.beta.slug, status: "inactive" }
        })
        const inAlpha = page.items.find((row) => row.organization.id === w.alpha.id)
        assert.strictEqual(inAlpha?.organization.status, "active")
      })
  )

  it.effect("filters by organization, user and role, and every filter given must hold", () =>
    Effect.gen(function* () {
      const w = yield* world
      const labels = (query: Partial<MembershipListQuery>) =>
        Effect.map(list(w.tenant.id, query), (page) => ({
          total: page.total,
          labels: page.items.map(labelOf)
        }))
      const inAlpha = yield* labels({ organizationId: w.alpha.id })
      assert.strictEqual(inAlpha.total, 4)
      assert.deepStrictEqual([...inAlpha.labels].sort(), ["Alpha/Ada", "Alpha/Bob", "Alpha/Cyd", "Alpha/Dan"])
      // an inactive organization's memberships are listed like any other
      assert.deepStrictEqual((yield* labels({ organizationId: w.beta.id })).labels, ["Beta/Bob", "Beta/Cyd"])
      assert.deepStrictEqual((yield* labels({ userId: w.cyd.id })).labels, [
        "Alpha/Cyd",
        "Gamma/Cyd",
        "Beta/Cyd"
      ])
      const viewers = yield* labels({ role: CLIENT_VIEWER })
      assert.strictEqual(viewers.total, 4)
      assert.deepStrictEqual(yield* labels({ role: OPERATOR_FULL, organizationId: w.gamma.id }), {
        total: 2,
        labels: ["Gamma/Cyd", "Gamma/Ada"]
      })
      assert.deepStrictEqual(yield* labels({ role: "OPERATOR_READONLY" as RoleName }), {
        total: 0,
        labels: []
      })
    })
  )

  it.effect(
    "expiresAfter and expiresBefore are strict bounds and leave out memberships without an expiry",
    () =>
      Effect.gen(function* () {
        const w = yield* world
        const labels = (query: Partial<MembershipListQuery>) =>
          Effect.map(list(w.tenant.id, query), (page) => ({
            total: page.total,
            labels: page.items.map(labelOf)
          }))
        // "expiring within 7 days" from NOW: not expired yet, and before NOW + 7 days
        const week = yield* labels({ expiresAfter: NOW, expiresBefore: inDays(7) })
        assert.strictEqual(week.total, 3)
        assert.deepStrictEqual(week.labels.slice(0, 1), ["Beta/Bob"])
        assert.deepStrictEqual([...week.labels.slice(1)].sort(), ["Alpha/Bob", "Gamma/Ada"])
        // a membership expiring exactly at the bound is outside it, either way
        assert.deepStrictEqual((yield* labels({ expiresBefore: NOW })).labels, ["Alpha/Cyd"])
        assert.strictEqual((yield* labels({ expiresAfter: NOW })).total, 4)
        assert.strictEqual((yield* labels({ expiresAfter: inDays(-3) })).total, 6)
        assert.strictEqual((yield* labels({ expiresBefore: w.tie })).total, 3)
        assert.strictEqual((yield* labels({ expiresBefore: inDays(3650) })).total, 6)
      })
  )

  it.effect(
    "q searches the user's name, display name and email, in any case, wildcards taken literally",
    () =>
      Effect.gen(function* () {
        const w = yield* world
        const users = (q: string, query: Partial<MembershipListQuery> = {}) =>
          Effect.map(list(w.tenant.id, { ...query, q }), (page) => ({
            total: page.total,
            users: [...new Set(page.items.map((row) => row.user.firstName))].sort()
          }))
        assert.deepStrictEqual(yield* users("ADA LOVE"), { total: 2, users: ["Ada"] })
        assert.deepStrictEqual(yield* users("contractors.example"), { total: 4, users: ["Ada", "Dan"] })
        assert.deepStrictEqual(yield* users("bobby"), { total: 2, users: ["Bob"] })
        assert.deepStrictEqual(yield* users("100%"), { total: 2, users: ["Bob"] })
        assert.deepStrictEqual(yield* users("%"), { total: 2, users: ["Bob"] })
        assert.deepStrictEqual(yield* users("_"), { total: 0, users: [] })
        assert.deepStrictEqual(yield* users("nobody at all"), { total: 0, users: [] })
        assert.deepStrictEqual(yield* users("contractors", { organizationId: w.gamma.id }), {
          total: 2,
          users: ["Ada", "Dan"]
        })
        assert.deepStrictEqual(yield* users("   "), { total: 9, users: ["Ada", "Bob", "Cyd", "Dan"] })
      })
  )

  it.effect("cursor pages of every size give the whole list once, in order, with the same total", () =>
    Effect.gen(function* () {
      const w = yield* world
      const all = (yield* list(w.tenant.id)).items.map(labelOf)
      for (const limit of [1, 2, 3, 4, 8, 9, 10]) {
        const walked = yield* walk(w.tenant.id, limit)
        assert.strictEqual(walked.total, 9)
        assert.deepStrictEqual(walked.rows.map(labelOf), all, `pages of ${limit}`)
      }
      const filtered = yield* walk(w.tenant.id, 2, { expiresAfter: inDays(-30), q: "e" })
      const expected = (yield* list(w.tenant.id, { expiresAfter: inDays(-30), q: "e" })).items.map(labelOf)
      assert.isAbove(expected.length, 2)
      assert.deepStrictEqual(filtered.rows.map(labelOf), expected)
      assert.strictEqual(filtered.total, expected.length)
    })
  )

  it.effect("a cursor keeps its place when rows before it change (no repeat, no skip of the rest)", () =>
    Effect.gen(function* () {
      const w = yield* world
      const first = yield* list(w.tenant.id, { limit: 4 })
      assert.isNotNull(first.nextCursor)
      // the first row of the first page goes away; the next page still starts right after the fourth row
      yield* (yield* MembershipRepository).delete(w.tenant.id, w.alpha.id, w.cyd.id)
      const rest = yield* list(w.tenant.id, { limit: 200, cursor: first.nextCursor! })
      const everything = (yield* list(w.tenant.id)).items.map(labelOf)
      assert.deepStrictEqual(rest.items.map(labelOf), everything.slice(3))
      assert.strictEqual(rest.total, 8)
    })
  )

  it.effect("another tenant's memberships never appear, whatever the filter", () =>
    Effect.gen(function* () {
      const mine = yield* world
      const theirs = yield* world
      const page = yield* list(mine.tenant.id)
      const theirIds = new Set([theirs.alpha.id, theirs.beta.id, theirs.gamma.id])
      assert.strictEqual(page.total, 9)
      assert.isFalse(page.items.some((row) => theirIds.has(row.organization.id)))
      assert.isTrue(page.items.every((row) => row.membership.tenantId === mine.tenant.id))
      for (const query of [
        { organizationId: theirs.alpha.id },
        { userId: theirs.ada.id },
        { q: theirs.ada.email }
      ] satisfies ReadonlyArray<Partial<MembershipListQuery>>) {
        const found = yield* list(mine.tenant.id, query)
        assert.deepStrictEqual({ total: found.total, items: found.items }, { total: 0, items: [] })
      }
      // their cursor in my tenant walks my rows only
      const theirPage = yield* list(theirs.tenant.id, { limit: 2 })
      const mineAfter = yield* list(mine.tenant.id, { cursor: theirPage.nextCursor! })
      assert.isTrue(mineAfter.items.every((row) => row.membership.tenantId === mine.tenant.id))
    })
  )
}

/** Runs the listAcrossOrganizations contract against one implementation (built once for the suite). */
export const membershipListingContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(
    `MembershipRepository.listAcrossOrganizations contract (${name})`,
    layer,
    membershipListingTests
  )
