import { assert } from "@effect/vitest"
import {
  compareOrganizations,
  MembershipRepository,
  type Organization,
  type OrganizationId,
  type OrganizationListQuery,
  OrganizationRepository,
  organizationNameKey,
  type TenantId,
  UserRepository
} from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { aMembership, anId, anOrganization, aUser } from "../builders.ts"
import { organizationLockTests } from "./organizationLock.ts"
import { organizationSlugTests } from "./organizationSlugs.ts"
import {
  type ContractIt,
  freshTenant,
  idsOf,
  type Repositories,
  registerContract,
  walkPages
} from "./support.ts"

// Names whose order tells a code-point order (PostgreSQL's COLLATE "C", UTF-8 bytes) from `localeCompare`
// (which puts "Émile" next to "emu") and from UTF-16 code units (which put "𝔄ngle", outside the Basic
// Multilingual Plane, before "ｚebra"); equal keys ("alpha", "Alpha", "ALPHA") are ordered by id.
const NAMES = [
  "beta",
  "Émile",
  "Alpha",
  "Жук",
  "alpha",
  "𝔄ngle",
  "ẞtraße",
  "ALPHA",
  "ｚebra",
  "Zulu",
  "ангел",
  "alpha 2",
  "émile",
  "Æther"
]
const NAME_ORDER = [
  "alpha",
  "alpha",
  "alpha",
  "alpha 2",
  "beta",
  "zulu",
  "ßtraße",
  "æther",
  "émile",
  "émile",
  "ангел",
  "жук",
  "ｚebra",
  "𝔄ngle"
]

const listAll = (tenantId: TenantId, query: Omit<OrganizationListQuery, "cursor">) =>
  Effect.flatMap(OrganizationRepository, (organizations) =>
    walkPages(query.limit, (cursor) =>
      organizations.list(tenantId, { ...query, ...(cursor === undefined ? {} : { cursor }) })
    )
  )

/**
 * The OrganizationRepository guarantees: CRUD, optimistic update, cascading delete, list order, isolation, slugs,
 * the lock.
 */
export const organizationRepositoryTests = (it: ContractIt): void => {
  it.effect("inserts an organization and finds it by id, in its tenant only", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const organization = anOrganization({ tenantId: tenant.id, priceCode: "P-1", version: 4 })
      assert.deepStrictEqual(yield* organizations.insert(organization), organization)
      assert.deepStrictEqual(
        yield* organizations.findById(tenant.id, organization.id),
        Option.some(organization)
      )
      assert.isTrue(Option.isNone(yield* organizations.findById(other.id, organization.id)))
      assert.isTrue(Option.isNone(yield* organizations.findById(tenant.id, anId<OrganizationId>())))
    })
  )

  it.effect("update at the expected version stores version + 1; stale fails VersionConflict", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const { tenant } = yield* freshTenant()
      const organization = yield* organizations.insert(anOrganization({ tenantId: tenant.id }))
      const changed = { ...organization, name: "Renamed", pimsCustomerCode: null, priceCode: "X" }
      const stored = yield* organizations.update(changed, organization.version)
      assert.deepStrictEqual(stored, { ...changed, version: organization.version + 1 })
      assert.deepStrictEqual(yield* organizations.findById(tenant.id, organization.id), Option.some(stored))
      const conflict = yield* Effect.flip(organizations.update({ ...organization, name: "Stale" }, 1))
      assert.strictEqual(conflict._tag, "VersionConflict")
      if (conflict._tag === "VersionConflict") {
        assert.strictEqual(conflict.expected, 1)
        assert.strictEqual(conflict.actual, 2)
      }
      assert.deepStrictEqual(yield* organizations.findById(tenant.id, organization.id), Option.some(stored))
    })
  )

  it.effect("update and delete of an unknown or foreign organization fail OrganizationNotFound", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const theirs = yield* organizations.insert(anOrganization({ tenantId: other.id }))
      const unknown = yield* Effect.flip(organizations.update(anOrganization({ tenantId: tenant.id }), 1))
      assert.strictEqual(unknown._tag, "OrganizationNotFound")
      const foreign = yield* Effect.flip(
        organizations.update({ ...theirs, tenantId: tenant.id }, theirs.version)
      )
      assert.strictEqual(foreign._tag, "OrganizationNotFound")
      const deleted = yield* Effect.flip(organizations.delete(tenant.id, theirs.id))
      assert.strictEqual(deleted._tag, "OrganizationNotFound")
      assert.deepStrictEqual(yield* organizations.findById(other.id, theirs.id), Option.some(theirs))
    })
  )

  it.effect("delete removes the organization and its memberships, and only those", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const memberships = yield* MembershipRepository
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const doomed = yield* organizations.insert(anOrganization({ tenantId: tenant.id }))
      const kept = yield* organizations.insert(anOrganization({ tenantId: tenant.id }))
      const user = yield* users.insert(aUser({ tenantId: tenant.id }))
      for (const organization of [doomed, kept])
        yield* memberships.insert(
          aMembership({ tenantId: tenant.id, organizationId: organization.id, userId: user.id })
        )
      yield* organizations.delete(tenant.id, doomed.id)
      assert.isTrue(Option.isNone(yield* organizations.findById(tenant.id, doomed.id)))
      assert.deepStrictEqual(yield* memberships.listByOrganization(tenant.id, doomed.id), [])
      assert.deepStrictEqual(
        (yield* memberships.listByUser(tenant.id, user.id)).map((m) => m.organizationId),
        [kept.id]
      )
      const again = yield* Effect.flip(organizations.delete(tenant.id, doomed.id))
      assert.strictEqual(again._tag, "OrganizationNotFound")
    })
  )

  it.effect(
    "list: the domain's one order (lower-cased name by code point, then id), over pages, with total",
    () =>
      Effect.gen(function* () {
        const organizations = yield* OrganizationRepository
        const { tenant } = yield* freshTenant()
        const stored: Array<Organization> = []
        for (const name of NAMES)
          stored.push(yield* organizations.insert(anOrganization({ tenantId: tenant.id, name })))
        const expected = [...stored].sort(compareOrganizations)
        assert.deepStrictEqual(
          expected.map((o) => organizationNameKey(o)),
          NAME_ORDER
        )
        // Every page size: the cursors carry non-ASCII keys (and one beyond the BMP) back to the store.
        for (const limit of [1, 2, 3, 5, 13, 200]) {
          const walked = yield* listAll(tenant.id, { limit })
          assert.deepStrictEqual(idsOf(walked.rows), idsOf(expected), `limit ${limit}`)
          assert.strictEqual(walked.total, NAMES.length)
        }
      })
  )

  it.effect(
    "q matches the name and the external codes case-insensitively; ids restricts; total follows",
    () =>
      Effect.gen(function* () {
        const organizations = yield* OrganizationRepository
        const { tenant } = yield* freshTenant()
        const add = (o: Partial<Organization>) =>
          organizations.insert(
            anOrganization({
              pimsCustomerCode: null,
              pimsCustomerName: null,
              priceCode: null,
              ...o,
              tenantId: tenant.id
            })
          )
        const byNameMatch = yield* add({ name: "Northwind Traders" })
        const byCode = yield* add({ name: "Acme", pimsCustomerCode: "NW-001" })
        const byCustomerName = yield* add({ name: "Globex", pimsCustomerName: "Old northwind" })
        const byPrice = yield* add({ name: "Initech", priceCode: "nOrThWiNd-P" })
        const neither = yield* add({ name: "Umbrella", pimsCustomerCode: "U-1", priceCode: "P-9" })

        const found = yield* listAll(tenant.id, { q: "NORTHWIND", limit: 2 })
        assert.deepStrictEqual(
          idsOf(found.rows),
          idsOf([byCustomerName, byPrice, byNameMatch].sort(compareOrganizations))
        )
        assert.strictEqual(found.total, 3)
        const code = yield* listAll(tenant.id, { q: "nw-0", limit: 10 })
        assert.deepStrictEqual(idsOf(code.rows), [byCode.id])

        const restricted = yield* listAll(tenant.id, {
          ids: [neither.id, byCode.id, anId<OrganizationId>()],
          limit: 1
        })
        assert.deepStrictEqual(idsOf(restricted.rows), idsOf([byCode, neither].sort(compareOrganizations)))
        assert.strictEqual(restricted.total, 2)
        const both = yield* listAll(tenant.id, { q: "north", ids: [byNameMatch.id, neither.id], limit: 5 })
        assert.deepStrictEqual(idsOf(both.rows), [byNameMatch.id])
        const none = yield* listAll(tenant.id, { ids: [], limit: 5 })
        assert.deepStrictEqual(none, { rows: [], total: 0, pages: 1 })
      })
  )

  it.effect("list never shows another tenant's organizations", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const ours = yield* organizations.insert(anOrganization({ tenantId: tenant.id, name: "Shared name" }))
      const theirs = yield* organizations.insert(anOrganization({ tenantId: other.id, name: "Shared name" }))
      const walked = yield* listAll(tenant.id, { q: "shared", limit: 10 })
      assert.deepStrictEqual(idsOf(walked.rows), [ours.id])
      const asked = yield* listAll(tenant.id, { ids: [theirs.id], limit: 10 })
      assert.deepStrictEqual(asked.rows, [])
    })
  )

  organizationSlugTests(it)
  organizationLockTests(it)
}

/** Runs the OrganizationRepository contract against one implementation (built once for the suite). */
export const organizationRepositoryContract = (
  name: string,
  layer: Layer.Layer<Repositories, unknown>
): void => registerContract(`OrganizationRepository contract (${name})`, layer, organizationRepositoryTests)
