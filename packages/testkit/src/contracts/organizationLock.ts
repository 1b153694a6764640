import { assert } from "@effect/vitest"
import {
  MembershipRepository,
  type OrganizationId,
  OrganizationRepository,
  type OrganizationSlug,
  Transactor,
  UserRepository
} from "@gatehouse/domain"
import { Deferred, Effect, Option } from "effect"
import { aMembership, anId, anOrganization, aUser } from "../builders.ts"
import { type ContractIt, freshTenant } from "./support.ts"

// How long the first holder keeps the lock after the second transaction has started: without the lock, the
// second one's read would come well within it.
const HOLD = "100 millis"

/**
 * The lock guarantee of OrganizationRepository: a transaction that takes an organization's lock while another
 * holds it waits for that one to end, and then reads what it committed (what lets a slug change and a new
 * member exclude each other).
 */
export const organizationLockTests = (it: ContractIt): void => {
  it.effect("lock: an unknown or another tenant's organization fails OrganizationNotFound", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const transactor = yield* Transactor
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const theirs = yield* organizations.insert(anOrganization({ tenantId: other.id }))
      for (const id of [anId<OrganizationId>(), theirs.id]) {
        const missing = yield* Effect.flip(transactor.withTransaction(organizations.lock(tenant.id, id)))
        assert.strictEqual(missing._tag, "OrganizationNotFound")
      }
      yield* transactor.withTransaction(organizations.lock(other.id, theirs.id))
    })
  )

  it.effect(
    "lock: taken while another transaction holds it, it waits and then reads what that one committed",
    () =>
      Effect.gen(function* () {
        const organizations = yield* OrganizationRepository
        const memberships = yield* MembershipRepository
        const transactor = yield* Transactor
        const { tenant } = yield* freshTenant()
        const organization = yield* organizations.insert(anOrganization({ tenantId: tenant.id }))
        const user = yield* (yield* UserRepository).insert(aUser({ tenantId: tenant.id })).pipe(Effect.orDie)
        const held = yield* Deferred.make<void>()
        // The first adds a member and changes the slug a while after taking the lock; the second starts once the
        // first holds it, takes it too, and reads.
        const first = transactor.withTransaction(
          Effect.gen(function* () {
            yield* organizations.lock(tenant.id, organization.id)
            yield* Deferred.succeed(held, undefined)
            yield* Effect.sleep(HOLD)
            yield* memberships.insert(
              aMembership({ tenantId: tenant.id, organizationId: organization.id, userId: user.id })
            )
            yield* organizations.update(
              { ...organization, slug: `${organization.slug}-moved` as OrganizationSlug },
              organization.version
            )
          })
        )
        const second = Effect.andThen(
          Deferred.await(held),
          transactor.withTransaction(
            Effect.gen(function* () {
              yield* organizations.lock(tenant.id, organization.id)
              const members = yield* memberships.listByOrganization(tenant.id, organization.id)
              const current = Option.getOrThrow(yield* organizations.findById(tenant.id, organization.id))
              return { members: members.length, slug: current.slug }
            })
          )
        )
        const [, seen] = yield* Effect.all([first, second], { concurrency: "unbounded" })
        assert.deepStrictEqual(seen, { members: 1, slug: `${organization.slug}-moved` })
      })
  )

  it.effect("lock: a holder that fails releases it (the next transaction takes it)", () =>
    Effect.gen(function* () {
      const organizations = yield* OrganizationRepository
      const transactor = yield* Transactor
      const { tenant } = yield* freshTenant()
      const organization = yield* organizations.insert(anOrganization({ tenantId: tenant.id }))
      const failed = yield* Effect.flip(
        transactor.withTransaction(
          Effect.andThen(organizations.lock(tenant.id, organization.id), Effect.fail("rolled back" as const))
        )
      )
      assert.strictEqual(failed, "rolled back")
      yield* transactor
        .withTransaction(organizations.lock(tenant.id, organization.id))
        .pipe(Effect.timeout("5 seconds"))
    })
  )
}
