import { assert, describe, layer } from "@effect/vitest"
import {
  type Actor,
  addMember,
  Mailer,
  type Organization,
  OrganizationRepository,
  type OrganizationSlug,
  PublicUrl,
  type RoleName,
  SecureRandom,
  type Tenant,
  Transactor,
  updateOrganization,
  userActor
} from "@gatehouse/domain"
import { anOrganization, freshTenant, memory, seedUser, TEST_PUBLIC_URL } from "@gatehouse/testkit"
import { Effect, Layer, Option, Result } from "effect"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"

const ROUNDS = 40

/** What one round of a slug change racing a new member ended in. */
type Outcome =
  /** The change saw the member and was refused (`SlugImmutable`). */
  | "refused"
  /** The change committed first; the member's transaction saw the new slug: added after it. */
  | "added after"
  /** The slug changed although the member was added before the change committed: the rule broken. */
  | "added before"

/**
 * One round on a fresh organization: an admin changes its slug while a known user is added as a member. The
 * member's transaction reads the slug after its insert (in the same transaction, a little later, as more work
 * would): if the slug was changed in the end but that read still saw the old one, the change committed after
 * the member was added, which the rule forbids.
 */
const round = (tenant: Tenant, admin: Actor, i: number) =>
  Effect.gen(function* () {
    const organizations = yield* OrganizationRepository
    const organization: Organization = yield* organizations.insert(
      anOrganization({ tenantId: tenant.id, slug: `race-${i}` as OrganizationSlug })
    )
    const member = yield* seedUser(tenant, { role: "Portal User" as RoleName })
    const moved = `race-${i}-moved` as OrganizationSlug
    // Staggered starts, either one first: the change's check falls before, inside and after the member's
    // transaction.
    const stagger = ((i % 10) - 5) * 3
    const after = (millis: number) => Effect.sleep(`${Math.max(0, millis)} millis`)
    const change = Effect.andThen(
      after(stagger),
      Effect.result(updateOrganization(admin, organization.id, { slug: moved }))
    )
    const add = Effect.andThen(
      after(-stagger),
      Transactor.use((transactor) =>
        transactor.withTransaction(
          Effect.gen(function* () {
            yield* addMember(admin, organization.id, {
              email: member.email,
              firstName: member.firstName,
              lastName: member.lastName,
              role: "Limited" as RoleName
            })
            yield* Effect.sleep("20 millis")
            return Option.getOrThrow(yield* organizations.findById(tenant.id, organization.id)).slug
          })
        )
      )
    )
    const [changed, seenByMember] = yield* Effect.all([change, add], { concurrency: "unbounded" })
    const stored = Option.getOrThrow(yield* organizations.findById(tenant.id, organization.id))
    if (Result.isFailure(changed)) {
      assert.strictEqual(changed.failure._tag, "SlugImmutable", `round ${i}`)
      assert.strictEqual(stored.slug, organization.slug, `round ${i}`)
      return "refused" satisfies Outcome as Outcome
    }
    assert.strictEqual(stored.slug, moved, `round ${i}`)
    return seenByMember === moved ? "added after" : "added before"
  })

const rounds = (options: { readonly lock: boolean }) =>
  Effect.gen(function* () {
    const { tenant } = yield* freshTenant({ preset: "weevio" })
    const admin = userActor(tenant.id, (yield* seedUser(tenant, { role: "Admin" as RoleName })).id)
    const organizations = yield* OrganizationRepository
    // The control: the same use cases with a lock that only checks the organization is there.
    const unlocked = OrganizationRepository.of({
      ...organizations,
      lock: (tenantId, id) => Effect.asVoid(organizations.findById(tenantId, id))
    })
    const outcomes: Array<Outcome> = []
    for (let i = 0; i < ROUNDS; i++) {
      const outcome = round(tenant, admin, i)
      outcomes.push(
        yield* options.lock ? outcome : outcome.pipe(Effect.provideService(OrganizationRepository, unlocked))
      )
    }
    return outcomes
  })

const count = (outcomes: ReadonlyArray<Outcome>, outcome: Outcome) =>
  outcomes.filter((o) => o === outcome).length

describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server: slug change against a new member", () => {
  const services = Layer.mergeAll(
    SecureRandom.layer,
    memory.PasswordHasher.layerFake,
    memory.SecretBox.layerFake,
    Layer.succeed(Mailer, Mailer.of({ send: () => Effect.void })),
    Layer.succeed(PublicUrl, TEST_PUBLIC_URL)
  )
  layer(Layer.merge(layerFreshServer({ maxConnections: 10 }), services), {
    excludeTestServices: true
  })(`${ROUNDS} rounds of a slug change and an added member at once`, (it) => {
    it.effect(
      "with the organization's lock every round is refused or adds the member after the change",
      () =>
        Effect.gen(function* () {
          const outcomes = yield* rounds({ lock: true })
          assert.strictEqual(count(outcomes, "added before"), 0, outcomes.join(", "))
          assert.strictEqual(count(outcomes, "refused") + count(outcomes, "added after"), ROUNDS)
        }),
      60_000
    )

    it.effect(
      "control: without it some round changes the slug after a member was added (the race is real)",
      () =>
        Effect.gen(function* () {
          const outcomes = yield* rounds({ lock: false })
          assert.isAbove(count(outcomes, "added before"), 0, outcomes.join(", "))
        }),
      60_000
    )
  })
})
