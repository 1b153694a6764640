import { assert } from "@effect/vitest"
import {
  insertOrganizationWithSlug,
  MembershipRepository,
  OrganizationRepository,
  type OrganizationSlug,
  Transactor,
  UserRepository
} from "@gatehouse/domain"
import { Effect, Option } from "effect"
import { aMembership, anOrganization, aUser } from "../builders.ts"
import { type ContractIt, freshTenant, race } from "./support.ts"

const slug = (text: string) => text as OrganizationSlug

/** Concurrent creates of one name: each in a transaction of its own, as the use case runs them. */
const CONCURRENT = 20

/**
 * The slug guarantees of OrganizationRepository: unique per tenant, reported by the store (also under
 * concurrency) without spoiling the caller's transaction; lookups by slug; the candidates a generated slug skips.
 */
export const organizationSlugTests = (it: ContractIt): void => {
  it.effect("stores the client fields; finds by slug in its tenant only", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const organization = anOrganization({
        tenantId: tenant.id,
        slug: slug("northwind"),
        companyName: "Northwind Traders Ltd",
        taxId: "GB 123 4567 89",
        status: "inactive",
        kind: "individual"
      })
      assert.deepStrictEqual(yield* organizations.insert(organization), organization)
      assert.deepStrictEqual(
        yield* organizations.findById(tenant.id, organization.id),
        Option.some(organization)
      )
      assert.deepStrictEqual(
        yield* organizations.findBySlug(tenant.id, slug("northwind")),
        Option.some(organization)
      )
      assert.isTrue(Option.isNone(yield* organizations.findBySlug(other.id, slug("northwind"))))
      assert.isTrue(Option.isNone(yield* organizations.findBySlug(tenant.id, slug("northwind-2"))))
    })
  )

  it.effect(
    "a slug is unique per tenant: a second insert fails OrganizationSlugTaken, another tenant may",
    () =>
      Effect.gen(function* () {
        const organizations = yield* OrganizationRepository
        const { tenant } = yield* freshTenant()
        const { tenant: other } = yield* freshTenant()
        const first = yield* organizations.insert(anOrganization({ tenantId: tenant.id, slug: slug("acme") }))
        const taken = yield* Effect.flip(
          organizations.insert(anOrganization({ tenantId: tenant.id, slug: slug("acme") }))
        )
        assert.strictEqual(taken._tag, "OrganizationSlugTaken")
        assert.strictEqual(taken.slug, "acme")
        const elsewhere = yield* organizations.insert(
          anOrganization({ tenantId: other.id, slug: slug("acme") })
        )
        assert.deepStrictEqual(yield* organizations.findBySlug(tenant.id, slug("acme")), Option.some(first))
        assert.deepStrictEqual(
          yield* organizations.findBySlug(other.id, slug("acme")),
          Option.some(elsewhere)
        )
      })
  )

  it.effect("a refused slug leaves the transaction usable: the next write of it commits", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const { tenant } = yield* freshTenant()
      yield* organizations.insert(anOrganization({ tenantId: tenant.id, slug: slug("globex") }))
      const second = anOrganization({ tenantId: tenant.id, slug: slug("globex") })
      const stored = yield* (yield* Transactor).withTransaction(
        Effect.gen(function* () {
          const refused = yield* Effect.flip(organizations.insert(second))
          assert.strictEqual(refused._tag, "OrganizationSlugTaken")
          return yield* organizations.insert({ ...second, slug: slug("globex-2") })
        })
      )
      assert.deepStrictEqual(
        yield* organizations.findBySlug(tenant.id, slug("globex-2")),
        Option.some(stored)
      )
    })
  )

  it.effect(
    "update to a taken slug fails OrganizationSlugTaken and changes nothing; to a free one, moves it",
    () =>
      Effect.gen(function* () {
        const organizations = yield* OrganizationRepository
        const { tenant } = yield* freshTenant()
        yield* organizations.insert(anOrganization({ tenantId: tenant.id, slug: slug("initech") }))
        const other = yield* organizations.insert(
          anOrganization({ tenantId: tenant.id, slug: slug("initrode") })
        )
        const refused = yield* Effect.flip(
          organizations.update({ ...other, slug: slug("initech"), name: "Renamed" }, other.version)
        )
        assert.strictEqual(refused._tag, "OrganizationSlugTaken")
        assert.deepStrictEqual(yield* organizations.findById(tenant.id, other.id), Option.some(other))
        const moved = yield* organizations.update({ ...other, slug: slug("initrode-eu") }, other.version)
        assert.deepStrictEqual(
          yield* organizations.findBySlug(tenant.id, slug("initrode-eu")),
          Option.some(moved)
        )
        assert.isTrue(Option.isNone(yield* organizations.findBySlug(tenant.id, slug("initrode"))))
      })
  )

  it.effect("slugsLike lists the base and its numbered forms only, of the tenant", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      for (const s of ["acme", "acme-2", "acme-17", "acme-eu", "acme-2-b", "acmes", "acm", "the-acme"])
        yield* organizations.insert(anOrganization({ tenantId: tenant.id, slug: slug(s) }))
      yield* organizations.insert(anOrganization({ tenantId: other.id, slug: slug("acme-3") }))
      const like = yield* organizations.slugsLike(tenant.id, slug("acme"))
      assert.deepStrictEqual([...like].sort(), ["acme", "acme-17", "acme-2"])
      assert.deepStrictEqual(yield* organizations.slugsLike(tenant.id, slug("nothing")), [])
    })
  )

  it.effect(`of ${CONCURRENT} concurrent inserts of one slug exactly one succeeds`, () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const transactor = yield* Transactor
      const { tenant } = yield* freshTenant()
      const { successes, failures } = yield* race(CONCURRENT, () =>
        transactor.withTransaction(
          organizations.insert(anOrganization({ tenantId: tenant.id, slug: slug("contoso") }))
        )
      )
      assert.strictEqual(successes.length, 1)
      assert.strictEqual(failures.length, CONCURRENT - 1)
      for (const failure of failures) assert.strictEqual(failure._tag, "OrganizationSlugTaken")
      const stored = yield* organizations.findBySlug(tenant.id, slug("contoso"))
      assert.strictEqual(Option.getOrThrow(stored).id, successes[0]!.id)
    })
  )

  it.effect(
    `${CONCURRENT} concurrent creates of one name get distinct slugs: the base, then -2 to -${CONCURRENT}`,
    () =>
      Effect.gen(function* () {
        const organizations = yield* OrganizationRepository
        const transactor = yield* Transactor
        const { tenant } = yield* freshTenant()
        const { successes, failures } = yield* race(CONCURRENT, () =>
          transactor.withTransaction(
            insertOrganizationWithSlug(anOrganization({ tenantId: tenant.id, slug: slug("umbrella") }), {
              generated: true
            })
          )
        )
        assert.deepStrictEqual(failures, [])
        const expected = [
          "umbrella",
          ...Array.from({ length: CONCURRENT - 1 }, (_, i) => `umbrella-${i + 2}`)
        ]
        assert.deepStrictEqual(successes.map((o) => o.slug).sort(), [...expected].sort())
        const stored = yield* organizations.list(tenant.id, { limit: 200 })
        assert.strictEqual(new Set(stored.items.map((o) => o.slug)).size, CONCURRENT)
        assert.strictEqual(stored.total, CONCURRENT)
      })
  )

  it.effect("a generated slug skips taken candidates, also a hole's neighbours", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const { tenant } = yield* freshTenant()
      for (const s of ["wayne", "wayne-2", "wayne-4"])
        yield* organizations.insert(anOrganization({ tenantId: tenant.id, slug: slug(s) }))
      const third = yield* insertOrganizationWithSlug(
        anOrganization({ tenantId: tenant.id, slug: slug("wayne") }),
        {
          generated: true
        }
      )
      assert.strictEqual(third.slug, "wayne-3")
      const fifth = yield* insertOrganizationWithSlug(
        anOrganization({ tenantId: tenant.id, slug: slug("wayne") }),
        {
          generated: true
        }
      )
      assert.strictEqual(fifth.slug, "wayne-5")
      const given = yield* Effect.flip(
        insertOrganizationWithSlug(anOrganization({ tenantId: tenant.id, slug: slug("wayne") }), {
          generated: false
        })
      )
      assert.strictEqual(given._tag, "OrganizationSlugTaken")
    })
  )

  it.effect("q also matches the slug, the company name and the tax ID, case-insensitively", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const { tenant } = yield* freshTenant()
      const bySlug = yield* organizations.insert(
        anOrganization({ tenantId: tenant.id, name: "A", slug: slug("blue-harbor") })
      )
      const byCompany = yield* organizations.insert(
        anOrganization({ tenantId: tenant.id, name: "B", companyName: "Blue Harbor GmbH" })
      )
      const byTax = yield* organizations.insert(
        anOrganization({ tenantId: tenant.id, name: "C", taxId: "DE-99-HARBOR" })
      )
      yield* organizations.insert(anOrganization({ tenantId: tenant.id, name: "D", companyName: "Red Port" }))
      const found = yield* organizations.list(tenant.id, { q: "HARBOR", limit: 10 })
      assert.deepStrictEqual(
        found.items.map((o) => o.id),
        [bySlug.id, byCompany.id, byTax.id]
      )
      assert.strictEqual(found.total, 3)
    })
  )

  it.effect("memberships do not touch the slug: deleting an organization frees it", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const { tenant } = yield* freshTenant()
      const user = yield* (yield* UserRepository).insert(aUser({ tenantId: tenant.id })).pipe(Effect.orDie)
      const doomed = yield* organizations.insert(anOrganization({ tenantId: tenant.id, slug: slug("stark") }))
      yield* (yield* MembershipRepository)
        .insert(aMembership({ tenantId: tenant.id, organizationId: doomed.id, userId: user.id }))
        .pipe(Effect.orDie)
      yield* organizations.delete(tenant.id, doomed.id)
      const again = yield* organizations.insert(anOrganization({ tenantId: tenant.id, slug: slug("stark") }))
      assert.deepStrictEqual(yield* organizations.findBySlug(tenant.id, slug("stark")), Option.some(again))
    })
  )
}
