import { assert, describe, it } from "@effect/vitest"
import {
  addMember,
  MembershipRepository,
  OrganizationRepository,
  presets,
  updateOrganization
} from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect } from "effect"
import { provide, role, seedOrganization } from "../memberships/support.ts"

/**
 * The stores' calls a use case makes, in order: the organization's lock must come before what it guards (the
 * member check of a slug change, a membership's insert). The race itself is shown on the PostgreSQL server
 * (adapters-postgres test/server.slugRace.test.ts); here, that both use cases take the lock at all, on any store.
 */
const recordingCalls = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const calls: Array<string> = []
    const organizations = yield* OrganizationRepository
    const memberships = yield* MembershipRepository
    const recorded =
      <Args extends ReadonlyArray<unknown>, Out>(name: string, f: (...args: Args) => Out) =>
      (...args: Args): Out => {
        calls.push(name)
        return f(...args)
      }
    const result = yield* effect.pipe(
      Effect.provideService(
        OrganizationRepository,
        OrganizationRepository.of({
          ...organizations,
          lock: recorded("lock", organizations.lock),
          findById: recorded("organization", organizations.findById),
          update: recorded("update", organizations.update)
        })
      ),
      Effect.provideService(
        MembershipRepository,
        MembershipRepository.of({
          ...memberships,
          insert: recorded("insert membership", memberships.insert),
          listByOrganization: recorded("members", memberships.listByOrganization)
        })
      )
    )
    return { result, calls }
  })

describe("organizations: a slug change and a new member exclude each other through the organization's lock", () => {
  it.effect("a slug change takes the lock before it reads the organization and its members", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const { result, calls } = yield* recordingCalls(
        updateOrganization(adminActor, organization.id, { slug: "moved" })
      )
      assert.strictEqual(result.slug, "moved")
      assert.deepStrictEqual(calls.slice(0, calls.indexOf("update") + 1), [
        "lock",
        "organization",
        "members",
        "update"
      ])
    }).pipe(provide)
  )

  it.effect("a change without a slug takes no lock", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const organization = yield* seedOrganization(tenant)
      const { calls } = yield* recordingCalls(
        updateOrganization(adminActor, organization.id, { name: "Renamed" })
      )
      assert.deepStrictEqual(calls.slice(0, 2), ["organization", "update"])
      assert.notInclude(calls, "lock")
    }).pipe(provide)
  )

  it.effect(
    "adding a member takes the lock before it reads the organization and inserts the membership",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const organization = yield* seedOrganization(tenant)
        const user = yield* seedUser(tenant, { role: role(presets[tenant.preset].memberRole) })
        const { result, calls } = yield* recordingCalls(
          addMember(adminActor, organization.id, {
            email: user.email,
            firstName: user.firstName,
            lastName: user.lastName,
            role: role("Limited")
          })
        )
        assert.strictEqual(result.membership.userId, user.id)
        assert.deepStrictEqual(calls.slice(0, 2), ["lock", "organization"])
        assert.include(calls, "insert membership")
      }).pipe(provide)
  )

  it.effect("an unknown organization is OrganizationNotFound from the lock, nothing inserted", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const { tenant: other } = yield* seedTenant()
      const theirs = yield* seedOrganization(other)
      const user = yield* seedUser(tenant, { role: role(presets[tenant.preset].memberRole) })
      const { result, calls } = yield* recordingCalls(
        Effect.flip(
          addMember(adminActor, theirs.id, {
            email: user.email,
            firstName: user.firstName,
            lastName: user.lastName,
            role: role("Limited")
          })
        )
      )
      assert.strictEqual(result._tag, "OrganizationNotFound")
      assert.deepStrictEqual(calls, ["lock"])
      const refused = yield* Effect.flip(updateOrganization(adminActor, theirs.id, { slug: "taken-over" }))
      assert.strictEqual(refused._tag, "OrganizationNotFound")
    }).pipe(provide)
  )
})
