import { assert, describe, it } from "@effect/vitest"
import {
  createOrganization,
  getMe,
  getOrganization,
  getOrganizationBySlug,
  getUser,
  MembershipRepository,
  updateOrganization
} from "@gatehouse/domain"
import { aMembership, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect } from "effect"
import {
  actorOf,
  auditTrail,
  provide,
  role,
  seedMember,
  seedOrganization,
  seedTenantWithMember,
  snapshot
} from "../memberships/support.ts"

describe("organizations: slug, company name, tax ID, status, kind", () => {
  it.effect(
    "create generates the slug from the name, made unique with -2, -3; defaults active business",
    () =>
      Effect.gen(function* () {
        const { adminActor } = yield* seedTenant()
        const first = yield* createOrganization(adminActor, {
          name: "Crème Brûlée & Co.",
          companyName: "Creme Brulee Company Ltd",
          taxId: "GB123456789"
        })
        assert.strictEqual(first.slug, "creme-brulee-co")
        assert.strictEqual(first.companyName, "Creme Brulee Company Ltd")
        assert.strictEqual(first.taxId, "GB123456789")
        assert.strictEqual(first.status, "active")
        assert.strictEqual(first.kind, "business")
        const second = yield* createOrganization(adminActor, { name: "CREME brulee co" })
        const third = yield* createOrganization(adminActor, { name: "Crème-Brûlée  Co" })
        assert.deepStrictEqual([second.slug, third.slug], ["creme-brulee-co-2", "creme-brulee-co-3"])
        const individual = yield* createOrganization(adminActor, {
          name: "Jane Doe",
          slug: "jane",
          kind: "individual",
          status: "inactive"
        })
        assert.deepStrictEqual(
          [individual.slug, individual.kind, individual.status],
          ["jane", "individual", "inactive"]
        )
        const [created] = (yield* auditTrail).filter((e) => e.targetId === first.id)
        assert.deepInclude(created?.details, {
          slug: "creme-brulee-co",
          taxId: "GB123456789",
          kind: "business"
        })
      }).pipe(provide)
  )

  it.effect(
    "a slug given and taken is OrganizationSlugTaken; a malformed one InvalidInput; nothing stored",
    () =>
      Effect.gen(function* () {
        const { adminActor } = yield* seedTenant()
        yield* createOrganization(adminActor, { name: "Acme", slug: "acme" })
        const before = yield* snapshot
        const taken = yield* Effect.flip(createOrganization(adminActor, { name: "Other", slug: "acme" }))
        assert.strictEqual(taken._tag, "OrganizationSlugTaken")
        for (const slug of ["Acme", "acme--co", "-acme", "acme-", "ac me", "é", "", "a".repeat(64)]) {
          const invalid = yield* Effect.flip(createOrganization(adminActor, { name: "Other", slug }))
          assert.strictEqual(invalid._tag, "InvalidInput", slug)
        }
        const badStatus = yield* Effect.flip(
          createOrganization(adminActor, {
            name: "Other",
            status: "paused" as never,
            kind: "person" as never
          })
        )
        assert.strictEqual(badStatus._tag, "InvalidInput")
        assert.deepStrictEqual(yield* snapshot, before)
      }).pipe(provide)
  )

  it.effect(
    "the slug changes while there is no member, then is SlugImmutable; the same slug is no change",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const created = yield* createOrganization(adminActor, { name: "Globex" })
        const moved = yield* updateOrganization(adminActor, created.id, {
          slug: "globex-corp",
          taxId: "US-1"
        })
        assert.deepStrictEqual([moved.slug, moved.taxId], ["globex-corp", "US-1"])
        yield* seedMember(tenant, created.id, { role: "Limited", active: false })
        const before = yield* snapshot
        const refused = yield* Effect.flip(
          updateOrganization(adminActor, created.id, { slug: "globex", name: "G" })
        )
        assert.strictEqual(refused._tag, "SlugImmutable")
        assert.deepStrictEqual(yield* snapshot, before)
        const same = yield* updateOrganization(adminActor, created.id, {
          slug: "globex-corp",
          companyName: "Globex Corporation",
          kind: "individual",
          status: "inactive"
        })
        assert.deepStrictEqual(
          [same.slug, same.companyName, same.kind, same.status],
          ["globex-corp", "Globex Corporation", "individual", "inactive"]
        )
        const cleared = yield* updateOrganization(adminActor, created.id, { companyName: null, taxId: null })
        assert.deepStrictEqual([cleared.companyName, cleared.taxId], [null, null])
      }).pipe(provide)
  )

  it.effect(
    "by slug: a tenant admin reads any, a member their own; others' and unknown slugs are not found",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const ours = yield* seedOrganization(tenant, { slug: "ours" })
        const theirs = yield* seedOrganization(tenant, { slug: "theirs" })
        const { actor: member } = yield* seedMember(tenant, ours.id, { role: "Limited" })
        assert.deepStrictEqual(yield* getOrganizationBySlug(adminActor, "theirs"), theirs)
        assert.deepStrictEqual(yield* getOrganizationBySlug(member, "ours"), ours)
        for (const slug of ["theirs", "nobody", "NOT A SLUG"]) {
          const hidden = yield* Effect.flip(getOrganizationBySlug(member, slug))
          assert.strictEqual(hidden._tag, "OrganizationNotFound", slug)
        }
        const regular = actorOf(yield* seedUser(tenant))
        const staff = yield* Effect.flip(getOrganizationBySlug(regular, "ours"))
        assert.strictEqual(staff._tag, "Forbidden")
        const other = yield* seedTenant()
        const foreign = yield* Effect.flip(getOrganizationBySlug(other.adminActor, "ours"))
        assert.strictEqual(foreign._tag, "OrganizationNotFound")
      }).pipe(provide)
  )

  it.effect("an inactive organization's memberships grant nothing, until it is active again", () =>
    Effect.gen(function* () {
      const seeded = yield* seedTenantWithMember({ role: "Admin" })
      const { adminActor, organization, user, actor: portalAdmin } = seeded
      assert.deepStrictEqual(yield* getOrganization(portalAdmin, organization.id), organization)
      yield* updateOrganization(adminActor, organization.id, { status: "inactive" })
      const denied = yield* Effect.flip(getOrganization(portalAdmin, organization.id))
      assert.strictEqual(denied._tag, "Forbidden")
      const bySlug = yield* Effect.flip(getOrganizationBySlug(portalAdmin, organization.slug))
      assert.strictEqual(bySlug._tag, "Forbidden")
      const seen = yield* getUser(adminActor, user.id)
      assert.deepStrictEqual(
        seen.memberships.map((m) => [m.organization.status, m.active, m.inEffect]),
        [["inactive", true, false]]
      )
      yield* updateOrganization(adminActor, organization.id, { status: "active" })
      assert.strictEqual((yield* getOrganization(portalAdmin, organization.id)).status, "active")
    }).pipe(provide)
  )

  it.effect("a user's memberships list each organization's client fields with the member's role", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const b = yield* seedOrganization(tenant, {
        name: "Beta",
        slug: "beta",
        companyName: "Beta GmbH",
        taxId: "DE-1",
        kind: "business"
      })
      const a = yield* seedOrganization(tenant, { name: "alpha", slug: "alpha", kind: "individual" })
      const { user } = yield* seedMember(tenant, b.id, { role: "Admin" })
      yield* (yield* MembershipRepository)
        .insert(
          aMembership({ tenantId: tenant.id, organizationId: a.id, userId: user.id, role: role("Limited") })
        )
        .pipe(Effect.orDie)
      const details = yield* getUser(adminActor, user.id)
      assert.deepStrictEqual(
        details.memberships.map((m): ReadonlyArray<unknown> => [m.organization, m.role]),
        [
          [
            {
              id: a.id,
              name: "alpha",
              slug: "alpha",
              companyName: null,
              taxId: null,
              status: "active",
              kind: "individual"
            },
            "Limited"
          ],
          [
            {
              id: b.id,
              name: "Beta",
              slug: "beta",
              companyName: "Beta GmbH",
              taxId: "DE-1",
              status: "active",
              kind: "business"
            },
            "Admin"
          ]
        ]
      )
      const me = yield* getMe(actorOf(user))
      assert.deepStrictEqual(
        me.memberships.map((m) => m.organization),
        details.memberships.map((m) => m.organization)
      )
    }).pipe(provide)
  )
})
