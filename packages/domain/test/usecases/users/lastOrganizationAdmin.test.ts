import { assert, describe, it } from "@effect/vitest"
import {
  type Actor,
  deactivateUser,
  deleteUser,
  disableUser,
  MembershipRepository,
  type Organization,
  type Tenant,
  type User,
  type UserId
} from "@gatehouse/domain"
import { type layerMemory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, type Layer } from "effect"
import * as TestClock from "effect/testing/TestClock"
import { failsUnchanged, provide, role, seedMembership, seedOrganization } from "./support.ts"

const NOW = Date.parse("2026-03-02T09:00:00.000Z")
const DAY = 86_400_000

type Services = Layer.Success<typeof layerMemory>

/** The three ways to take a user out of every organization at once. */
const OPERATIONS: ReadonlyArray<
  readonly [
    string,
    (actor: Actor, userId: UserId) => Effect.Effect<unknown, { readonly _tag: string }, Services>
  ]
> = [
  ["disable", disableUser],
  ["deactivate", deactivateUser],
  ["delete", deleteUser]
]

/** A portal person (no tenant permissions) who is a member of `organization` as `roleName`. */
const member = (
  tenant: Tenant,
  organization: Organization,
  roleName: string,
  options: { readonly expiresAt?: Date | null; readonly active?: boolean; readonly user?: Partial<User> } = {}
) =>
  Effect.gen(function* () {
    const user = yield* seedUser(tenant, {
      role: role("Portal User"),
      passwordHash: "$fake$h",
      ...options.user
    })
    yield* seedMembership(organization, user, {
      role: role(roleName),
      expiresAt: options.expiresAt ?? null,
      active: options.active ?? true
    })
    return user
  })

/** Asserts that every operation on `user` fails with LastAdmin for `organization` and writes nothing. */
const refusedForEveryOperation = (adminActor: Actor, user: User, organization: Organization) =>
  Effect.gen(function* () {
    for (const [name, operation] of OPERATIONS) {
      const error = yield* failsUnchanged(operation(adminActor, user.id))
      assert.strictEqual(error._tag, "LastAdmin", name)
      assert.deepStrictEqual(
        { scope: (error as { scope?: string }).scope, id: (error as { id?: string }).id },
        { scope: "organization", id: organization.id },
        name
      )
    }
  })

describe("rule 5: a user who is an organization's last Admin stays (disable, deactivate, delete)", () => {
  it.effect("the only Admin of an organization cannot be disabled, deactivated or deleted", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const { tenant, adminActor } = yield* seedTenant()
      const acme = yield* seedOrganization(tenant)
      const only = yield* member(tenant, acme, "Admin")
      yield* member(tenant, acme, "Limited")
      yield* refusedForEveryOperation(adminActor, only, acme)
    }).pipe(provide)
  )

  it.effect(
    "another Admin counts only when permanent and active: an expiring, disabled-membership or disabled-user Admin does not",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const { tenant, adminActor } = yield* seedTenant()
        const acme = yield* seedOrganization(tenant)
        const only = yield* member(tenant, acme, "Admin")
        // Each of these would leave the organization without an Admin at some point.
        yield* member(tenant, acme, "Admin", { expiresAt: new Date(NOW + 30 * DAY) })
        yield* member(tenant, acme, "Admin", { active: false })
        yield* member(tenant, acme, "Admin", { user: { status: "disabled" } })
        yield* refusedForEveryOperation(adminActor, only, acme)
        // A permanent, active second Admin: now each operation goes through.
        yield* member(tenant, acme, "Admin")
        const disabled = yield* disableUser(adminActor, only.id)
        assert.strictEqual(disabled.status, "disabled")
      }).pipe(provide)
  )

  it.effect("each operation goes through once a second permanent Admin exists", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      for (const [name, operation] of OPERATIONS) {
        const { tenant, adminActor } = yield* seedTenant()
        const acme = yield* seedOrganization(tenant)
        const first = yield* member(tenant, acme, "Admin")
        yield* member(tenant, acme, "Admin")
        const exit = yield* Effect.exit(operation(adminActor, first.id))
        assert.strictEqual(exit._tag, "Success", name)
      }
    }).pipe(provide)
  )

  it.effect(
    "an Admin membership that grants nothing now (disabled or expired) does not hold the user back",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOW)
        const { tenant, adminActor } = yield* seedTenant()
        const acme = yield* seedOrganization(tenant)
        const dormant = yield* member(tenant, acme, "Admin", { active: false })
        yield* disableUser(adminActor, dormant.id)
        const lapsed = yield* member(tenant, acme, "Admin", { expiresAt: new Date(NOW - DAY) })
        yield* deleteUser(adminActor, lapsed.id)
        const limited = yield* member(tenant, acme, "Limited")
        yield* deactivateUser(adminActor, limited.id)
      }).pipe(provide)
  )

  it.effect("a pending or disabled user is no Admin in effect: deactivating or deleting them is fine", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const { tenant, adminActor } = yield* seedTenant()
      const acme = yield* seedOrganization(tenant)
      const invited = yield* member(tenant, acme, "Admin", {
        user: { status: "pending", passwordHash: null }
      })
      yield* deactivateUser(adminActor, invited.id)
      const disabled = yield* member(tenant, acme, "Admin", { user: { status: "disabled" } })
      yield* deleteUser(adminActor, disabled.id)
    }).pipe(provide)
  )

  it.effect("every organization of the user is checked: the one left without an Admin is named", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const { tenant, adminActor } = yield* seedTenant()
      const staffed = yield* seedOrganization(tenant)
      const lonely = yield* seedOrganization(tenant)
      const both = yield* member(tenant, staffed, "Admin")
      yield* seedMembership(lonely, both, { role: role("Admin") })
      yield* member(tenant, staffed, "Admin")
      yield* refusedForEveryOperation(adminActor, both, lonely)
    }).pipe(provide)
  )

  it.effect("under concurrency: of two Admins taken out at once (20 requests), exactly one goes", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOW)
      const { tenant, adminActor } = yield* seedTenant()
      const acme = yield* seedOrganization(tenant)
      const admins = [yield* member(tenant, acme, "Admin"), yield* member(tenant, acme, "Admin")]
      const requests = Array.from({ length: 20 }, (_, i) => {
        const [, operation] = OPERATIONS[i % OPERATIONS.length]!
        return Effect.exit(operation(adminActor, admins[i % 2]!.id))
      })
      const exits = yield* Effect.all(requests, { concurrency: "unbounded" })
      const succeeded = new Set(exits.flatMap((exit, i) => (exit._tag === "Success" ? [i % 2] : [])))
      assert.strictEqual(succeeded.size, 1)
      const remaining = yield* (yield* MembershipRepository).countInEffect(
        tenant.id,
        acme.id,
        [role("Admin")],
        new Date(NOW)
      )
      assert.strictEqual(remaining, 1)
    }).pipe(provide)
  )
})
