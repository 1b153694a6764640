import { assert } from "@effect/vitest"
import {
  type Email,
  type Language,
  MembershipRepository,
  OrganizationRepository,
  type PhoneNumber,
  type RoleName,
  type User,
  type UserId,
  UserRepository,
  type UserStatus
} from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { aMembership, anId, anOrganization, aUser } from "../builders.ts"
import {
  type ContractIt,
  comparableUser,
  freshTenant,
  type Repositories,
  race,
  registerContract
} from "./support.ts"
import { userListingTests } from "./userListing.ts"

const same = (actual: Option.Option<User>, expected: User) =>
  assert.deepStrictEqual(comparableUser(Option.getOrThrow(actual)), comparableUser(expected))

/** The UserRepository guarantees: isolation, email uniqueness, optimistic update, delete, counting, listing. */
export const userRepositoryTests = (it: ContractIt): void => {
  it.effect("inserts a user with every field and finds them by id and by email", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const user = aUser({
        tenantId: tenant.id,
        displayName: "Zoë Ølander",
        firstName: "Zoë",
        lastName: "Ølander",
        phone: "+14155550123" as PhoneNumber,
        language: "pt-BR" as Language,
        adminNotes: "notes",
        modulePermissions: ["module:orders", "module:dashboard"],
        status: "pending",
        kind: "external",
        awaitingSetup: true,
        mustChangePassword: true,
        passwordHash: "$fake-sha256$00$AAAA",
        lastLoginAt: new Date("2026-02-03T04:05:06.789Z"),
        version: 7
      })
      same(Option.some(yield* users.insert(user)), user)
      same(yield* users.findById(tenant.id, user.id), user)
      same(yield* users.findByEmail(tenant.id, user.email), user)
      assert.isTrue(Option.isNone(yield* users.findById(tenant.id, anId<UserId>())))
      assert.isTrue(Option.isNone(yield* users.findByEmail(tenant.id, "nobody@example.com" as Email)))
    })
  )

  it.effect("a second user with a taken email fails EmailTaken; another tenant may use it", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const first = yield* users.insert(aUser({ tenantId: tenant.id }))
      const error = yield* Effect.flip(users.insert(aUser({ tenantId: tenant.id, email: first.email })))
      assert.strictEqual(error._tag, "EmailTaken")
      assert.strictEqual(error.email, first.email)
      same(yield* users.findByEmail(tenant.id, first.email), first)
      const elsewhere = yield* users.insert(aUser({ tenantId: other.id, email: first.email }))
      same(yield* users.findByEmail(other.id, first.email), elsewhere)
    })
  )

  it.effect("of 20 concurrent inserts of one email exactly one succeeds and 19 fail EmailTaken", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const email = `race-${anId()}@example.com` as Email
      const { successes, failures } = yield* race(20, () =>
        users.insert(aUser({ tenantId: tenant.id, email }))
      )
      assert.strictEqual(successes.length, 1)
      assert.strictEqual(failures.length, 19)
      for (const failure of failures) assert.strictEqual(failure._tag, "EmailTaken")
      assert.strictEqual(Option.getOrThrow(yield* users.findByEmail(tenant.id, email)).id, successes[0]!.id)
      const listed = yield* users.list(tenant.id, { sort: "email", limit: 50 })
      assert.strictEqual(listed.total, 1)
    })
  )

  it.effect("a user of another tenant is never returned nor changed", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const theirs = yield* users.insert(aUser({ tenantId: other.id, role: "Admin" as RoleName }))
      assert.isTrue(Option.isNone(yield* users.findById(tenant.id, theirs.id)))
      assert.isTrue(Option.isNone(yield* users.findByEmail(tenant.id, theirs.email)))
      const asOurs = { ...theirs, tenantId: tenant.id, firstName: "Hijacked" }
      const updateError = yield* Effect.flip(users.update(asOurs, theirs.version))
      assert.strictEqual(updateError._tag, "UserNotFound")
      const deleteError = yield* Effect.flip(users.delete(tenant.id, theirs.id))
      assert.strictEqual(deleteError._tag, "UserNotFound")
      const page = yield* users.list(tenant.id, { sort: "name", limit: 200, ids: [theirs.id] })
      assert.deepStrictEqual(page, { items: [], total: 0, nextCursor: null })
      assert.strictEqual(yield* users.countActiveWithRole(tenant.id, ["Admin" as RoleName]), 0)
      same(yield* users.findById(other.id, theirs.id), theirs)
    })
  )

  it.effect("keeps a disabled user's awaitingSetup and kind through update, insertMany and list", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const pending = yield* users.insert(aUser({ tenantId: tenant.id, status: "pending" }))
      assert.isTrue(pending.awaitingSetup)
      // disabled before finishing setup: the store must keep that they still await it
      const disabled = yield* users.update(
        { ...pending, status: "disabled", kind: "external" },
        pending.version
      )
      same(yield* users.findById(tenant.id, pending.id), disabled)
      assert.isTrue(Option.getOrThrow(yield* users.findById(tenant.id, pending.id)).awaitingSetup)
      const many = [
        aUser({ tenantId: tenant.id, status: "disabled", awaitingSetup: true, kind: "external" }),
        aUser({ tenantId: tenant.id, status: "disabled", awaitingSetup: false })
      ]
      yield* users.insertMany(many)
      for (const user of many) same(yield* users.findById(tenant.id, user.id), user)
      const listed = yield* users.list(tenant.id, { sort: "created", limit: 10, status: "disabled" })
      assert.deepStrictEqual(
        [...listed.items].map((u) => [u.id, u.awaitingSetup, u.kind]).sort(),
        [
          [pending.id, true, "external"],
          [many[0]!.id, true, "external"],
          [many[1]!.id, false, "employee"]
        ].sort()
      )
    })
  )

  it.effect("update at the expected version stores version + 1; a stale version fails VersionConflict", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const user = yield* users.insert(aUser({ tenantId: tenant.id, version: 2 }))
      const changed: User = {
        ...user,
        firstName: "Renamed",
        status: "disabled",
        lastLoginAt: new Date("2026-03-04T05:06:07.008Z"),
        updatedAt: new Date("2026-03-04T05:06:07.008Z")
      }
      const stored = yield* users.update(changed, 2)
      assert.deepStrictEqual(comparableUser(stored), comparableUser({ ...changed, version: 3 }))
      same(yield* users.findById(tenant.id, user.id), { ...changed, version: 3 })

      const conflict = yield* Effect.flip(users.update({ ...user, firstName: "Stale" }, 2))
      assert.strictEqual(conflict._tag, "VersionConflict")
      if (conflict._tag === "VersionConflict") {
        assert.strictEqual(conflict.expected, 2)
        assert.strictEqual(conflict.actual, 3)
      }
      same(yield* users.findById(tenant.id, user.id), { ...changed, version: 3 })
      const missing = yield* Effect.flip(users.update(aUser({ tenantId: tenant.id }), 1))
      assert.strictEqual(missing._tag, "UserNotFound")
    })
  )

  it.effect("update cannot change the email nor the tenant", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const user = yield* users.insert(aUser({ tenantId: tenant.id }))
      const newEmail = `changed-${anId()}@example.com` as Email
      const stored = yield* users.update({ ...user, email: newEmail, lastName: "Changed" }, user.version)
      assert.strictEqual(stored.email, user.email)
      const found = Option.getOrThrow(yield* users.findById(tenant.id, user.id))
      assert.strictEqual(found.email, user.email)
      assert.strictEqual(found.lastName, "Changed")
      assert.isTrue(Option.isNone(yield* users.findByEmail(tenant.id, newEmail)))

      const moved = yield* Effect.flip(users.update({ ...found, tenantId: other.id }, found.version))
      assert.strictEqual(moved._tag, "UserNotFound")
      assert.isTrue(Option.isNone(yield* users.findById(other.id, user.id)))
      same(yield* users.findById(tenant.id, user.id), found)
    })
  )

  it.effect("delete removes the user and their memberships, and only theirs", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const organizations = yield* OrganizationRepository
      const memberships = yield* MembershipRepository
      const { tenant } = yield* freshTenant()
      const user = yield* users.insert(aUser({ tenantId: tenant.id }))
      const colleague = yield* users.insert(aUser({ tenantId: tenant.id }))
      const first = yield* organizations.insert(anOrganization({ tenantId: tenant.id }))
      const second = yield* organizations.insert(anOrganization({ tenantId: tenant.id }))
      for (const organization of [first, second])
        for (const member of [user, colleague])
          yield* memberships.insert(
            aMembership({ tenantId: tenant.id, organizationId: organization.id, userId: member.id })
          )

      yield* users.delete(tenant.id, user.id)
      assert.isTrue(Option.isNone(yield* users.findById(tenant.id, user.id)))
      assert.isTrue(Option.isNone(yield* users.findByEmail(tenant.id, user.email)))
      assert.deepStrictEqual(yield* memberships.listByUser(tenant.id, user.id), [])
      assert.isTrue(Option.isNone(yield* memberships.find(tenant.id, first.id, user.id)))
      assert.strictEqual((yield* memberships.listByUser(tenant.id, colleague.id)).length, 2)
      const remaining = yield* memberships.listByOrganization(tenant.id, first.id)
      assert.deepStrictEqual(
        remaining.map((m) => m.userId),
        [colleague.id]
      )
      const again = yield* Effect.flip(users.delete(tenant.id, user.id))
      assert.strictEqual(again._tag, "UserNotFound")
    })
  )

  it.effect("countActiveWithRole counts only active users holding one of the roles, in that tenant", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant({ preset: "wetrack" })
      const { tenant: other } = yield* freshTenant({ preset: "wetrack" })
      const statuses: ReadonlyArray<UserStatus> = ["pending", "active", "disabled", "deactivated"]
      const roles = [
        "Account Admin",
        "User Admin",
        "Admin",
        "General"
      ] as ReadonlyArray<string> as ReadonlyArray<RoleName>
      const stored: Array<User> = []
      // Two of every (status, role) pair, and an active admin in the other tenant that must not count.
      for (const status of statuses)
        for (const role of roles)
          for (let i = 0; i < 2; i++)
            stored.push(yield* users.insert(aUser({ tenantId: tenant.id, status, role })))
      yield* users.insert(aUser({ tenantId: other.id, status: "active", role: roles[0]! }))
      const expected = (wanted: ReadonlyArray<RoleName>) =>
        stored.filter((u) => u.status === "active" && wanted.includes(u.role)).length
      for (const wanted of [[], [roles[0]!], [roles[0]!, roles[1]!], roles, ["Nobody" as RoleName]])
        assert.strictEqual(yield* users.countActiveWithRole(tenant.id, wanted), expected(wanted))
      assert.strictEqual(yield* users.countActiveWithRole(tenant.id, [roles[0]!]), 2)
    })
  )

  userListingTests(it)
}

/** Runs the UserRepository contract against one implementation (built once for the suite). */
export const userRepositoryContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`UserRepository contract (${name})`, layer, userRepositoryTests)
