import { assert } from "@effect/vitest"
import {
  type Membership,
  MembershipRepository,
  OrganizationRepository,
  type RoleName,
  type TenantId,
  type User,
  UserRepository,
  type UserStatus
} from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { aMembership, anOrganization, aUser } from "../builders.ts"
import { type ContractIt, freshTenant, type Repositories, race, registerContract } from "./support.ts"

const keyOf = (m: Membership) => `${m.organizationId}/${m.userId}`
const byKey = (rows: ReadonlyArray<Membership>) => [...rows].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))

/** A tenant with one organization and `n` users (active unless told otherwise). */
const setup = (statuses: ReadonlyArray<UserStatus> = ["active"]) =>
  Effect.gen(function* () {
    const { tenant } = yield* freshTenant()
    const organization = yield* (yield* OrganizationRepository).insert(
      anOrganization({ tenantId: tenant.id })
    )
    const users: Array<User> = []
    for (const status of statuses)
      users.push(yield* (yield* UserRepository).insert(aUser({ tenantId: tenant.id, status })))
    return { tenant, organization, users }
  })

const member = (tenantId: TenantId, organizationId: Membership["organizationId"], user: User) =>
  aMembership({ tenantId, organizationId, userId: user.id })

/** The MembershipRepository guarantees: CRUD, unique (organization, user), countInEffect, isolation. */
export const membershipRepositoryTests = (it: ContractIt): void => {
  it.effect("inserts, finds, updates and deletes a membership", () =>
    Effect.gen(function* () {
      const memberships = yield* MembershipRepository
      const { tenant, organization, users } = yield* setup()
      const user = users[0]!
      const membership = aMembership({
        tenantId: tenant.id,
        organizationId: organization.id,
        userId: user.id,
        role: "Admin" as RoleName,
        expiresAt: new Date("2030-01-01T00:00:00.000Z")
      })
      assert.deepStrictEqual(yield* memberships.insert(membership), membership)
      assert.deepStrictEqual(
        yield* memberships.find(tenant.id, organization.id, user.id),
        Option.some(membership)
      )
      const changed = { ...membership, role: "Limited" as RoleName, active: false, expiresAt: null }
      assert.deepStrictEqual(yield* memberships.update(changed), changed)
      assert.deepStrictEqual(
        yield* memberships.find(tenant.id, organization.id, user.id),
        Option.some(changed)
      )
      yield* memberships.delete(tenant.id, organization.id, user.id)
      assert.isTrue(Option.isNone(yield* memberships.find(tenant.id, organization.id, user.id)))
      const again = yield* Effect.flip(memberships.delete(tenant.id, organization.id, user.id))
      assert.strictEqual(again._tag, "MembershipNotFound")
      const missing = yield* Effect.flip(memberships.update(changed))
      assert.strictEqual(missing._tag, "MembershipNotFound")
    })
  )

  it.effect("a second membership of one (organization, user) fails AlreadyMember", () =>
    Effect.gen(function* () {
      const memberships = yield* MembershipRepository
      const { tenant, organization, users } = yield* setup()
      const first = yield* memberships.insert(member(tenant.id, organization.id, users[0]!))
      const error = yield* Effect.flip(memberships.insert({ ...first, role: "Admin" as RoleName }))
      assert.strictEqual(error._tag, "AlreadyMember")
      assert.strictEqual(error.organizationId, organization.id)
      assert.strictEqual(error.userId, users[0]!.id)
      assert.deepStrictEqual(
        yield* memberships.find(tenant.id, organization.id, users[0]!.id),
        Option.some(first)
      )
    })
  )

  it.effect("of 20 concurrent inserts of one membership exactly one succeeds", () =>
    Effect.gen(function* () {
      const memberships = yield* MembershipRepository
      const { tenant, organization, users } = yield* setup()
      const { successes, failures } = yield* race(20, () =>
        memberships.insert(member(tenant.id, organization.id, users[0]!))
      )
      assert.strictEqual(successes.length, 1)
      assert.strictEqual(failures.length, 19)
      for (const failure of failures) assert.strictEqual(failure._tag, "AlreadyMember")
      assert.strictEqual((yield* memberships.listByOrganization(tenant.id, organization.id)).length, 1)
    })
  )

  it.effect("listByOrganization and listByUser return exactly the matching memberships", () =>
    Effect.gen(function* () {
      const memberships = yield* MembershipRepository
      const organizations = yield* OrganizationRepository
      const { tenant, organization, users } = yield* setup(["active", "disabled", "pending"])
      const second = yield* organizations.insert(anOrganization({ tenantId: tenant.id }))
      const inFirst = users.map((u) => member(tenant.id, organization.id, u))
      const inSecond = [member(tenant.id, second.id, users[0]!)]
      for (const m of [...inFirst, ...inSecond]) yield* memberships.insert(m)
      assert.deepStrictEqual(
        byKey(yield* memberships.listByOrganization(tenant.id, organization.id)),
        byKey(inFirst)
      )
      assert.deepStrictEqual(yield* memberships.listByOrganization(tenant.id, second.id), inSecond)
      assert.deepStrictEqual(
        byKey(yield* memberships.listByUser(tenant.id, users[0]!.id)),
        byKey([inFirst[0]!, inSecond[0]!])
      )
      assert.deepStrictEqual(yield* memberships.listByUser(tenant.id, users[1]!.id), [inFirst[1]!])
    })
  )

  it.effect("countInEffect counts active, unexpired memberships of active users in the given roles", () =>
    Effect.gen(function* () {
      const memberships = yield* MembershipRepository
      const organizations = yield* OrganizationRepository
      const now = new Date("2026-06-01T12:00:00.000Z")
      const before = new Date(now.getTime() - 1)
      const after = new Date(now.getTime() + 1)
      const { tenant, organization, users } = yield* setup(Array.from({ length: 8 }, () => "active" as const))
      const other = yield* organizations.insert(anOrganization({ tenantId: tenant.id }))
      const disabledHere = yield* (yield* UserRepository).insert(
        aUser({ tenantId: tenant.id, status: "disabled" })
      )
      const admin = "Admin" as RoleName
      const limited = "Limited" as RoleName
      const at = (user: User, overrides: Partial<Membership>) =>
        memberships.insert({ ...member(tenant.id, organization.id, user), role: admin, ...overrides })
      const [u0, u1, u2, u3, u4, u5, u6, u7] = users as [User, User, User, User, User, User, User, User]
      yield* at(u0, {}) // counts: active, never expires
      yield* at(u1, { expiresAt: after }) // counts: expires just after now
      yield* at(u2, { expiresAt: now }) // expired: expiresAt == now is no longer in effect
      yield* at(u3, { expiresAt: before }) // expired
      yield* at(u4, { active: false }) // inactive membership
      yield* at(u5, { role: limited }) // counts only when Limited is asked for
      yield* at(u6, { role: limited, expiresAt: after }) // counts only when Limited is asked for
      yield* at(disabledHere, {}) // the user is not active
      yield* memberships.insert({ ...member(tenant.id, other.id, u7), role: admin }) // other organization

      assert.strictEqual(yield* memberships.countInEffect(tenant.id, organization.id, [admin], now), 2)
      assert.strictEqual(yield* memberships.countInEffect(tenant.id, organization.id, [limited], now), 2)
      assert.strictEqual(
        yield* memberships.countInEffect(tenant.id, organization.id, [admin, limited], now),
        4
      )
      assert.strictEqual(yield* memberships.countInEffect(tenant.id, organization.id, [], now), 0)
      // Earlier, the memberships that expire at or before now were still in effect.
      assert.strictEqual(
        yield* memberships.countInEffect(tenant.id, organization.id, [admin], new Date(before.getTime() - 1)),
        4
      )
      assert.strictEqual(yield* memberships.countInEffect(tenant.id, other.id, [admin], now), 1)
    })
  )

  it.effect("memberships of another tenant are never read, changed nor counted", () =>
    Effect.gen(function* () {
      const memberships = yield* MembershipRepository
      const mine = yield* setup()
      const theirs = yield* setup()
      const membership = yield* memberships.insert(
        member(theirs.tenant.id, theirs.organization.id, theirs.users[0]!)
      )
      const { organizationId, userId } = membership
      assert.isTrue(Option.isNone(yield* memberships.find(mine.tenant.id, organizationId, userId)))
      assert.deepStrictEqual(yield* memberships.listByOrganization(mine.tenant.id, organizationId), [])
      assert.deepStrictEqual(yield* memberships.listByUser(mine.tenant.id, userId), [])
      assert.strictEqual(
        yield* memberships.countInEffect(mine.tenant.id, organizationId, [membership.role], new Date()),
        0
      )
      const updated = yield* Effect.flip(
        memberships.update({ ...membership, tenantId: mine.tenant.id, active: false })
      )
      assert.strictEqual(updated._tag, "MembershipNotFound")
      const deleted = yield* Effect.flip(memberships.delete(mine.tenant.id, organizationId, userId))
      assert.strictEqual(deleted._tag, "MembershipNotFound")
      assert.deepStrictEqual(
        yield* memberships.find(theirs.tenant.id, organizationId, userId),
        Option.some(membership)
      )
    })
  )
}

/** Runs the MembershipRepository contract against one implementation (built once for the suite). */
export const membershipRepositoryContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`MembershipRepository contract (${name})`, layer, membershipRepositoryTests)
