import { assert, layer, type Vitest } from "@effect/vitest"
import {
  type AuditEvent,
  type AuditEventId,
  AuditLog,
  type Invitation,
  type InvitationId,
  InvitationRepository,
  MembershipRepository,
  OrganizationRepository,
  type TenantId,
  TenantOverview,
  Transactor,
  type User,
  UserRepository
} from "@gatehouse/domain"
import { Effect, type Layer } from "effect"
import { aMembership, anId, anOrganization, aUser } from "../builders.ts"
import { type AuthRepositories, aHash } from "./authSupport.ts"
import { freshTenant } from "./support.ts"

/** The `it` of the suite: a store's repositories (tenants, users, invitations, ...) and its TenantOverview. */
export type TenantOverviewIt = Vitest.MethodsNonLive<AuthRepositories | TenantOverview>

const DAY = 86_400_000
// "Today" of the sign-in tests: mid-afternoon UTC, so a local-time day boundary would show.
const TODAY = new Date("2031-05-20T15:30:00.000Z")
const at = (daysAgo: number, time = "12:00:00.000") =>
  new Date(`${new Date(TODAY.getTime() - daysAgo * DAY).toISOString().slice(0, 10)}T${time}Z`)

const signIn = (tenantId: TenantId, when: Date, action = "auth.login_succeeded"): AuditEvent => ({
  id: anId<AuditEventId>(),
  tenantId,
  at: when,
  actorKind: "user",
  actorId: null,
  action,
  targetType: "session",
  targetId: null,
  details: {}
})

const anInvitation = (user: User, overrides: Partial<Invitation>): Invitation => ({
  id: anId<InvitationId>(),
  tenantId: user.tenantId,
  userId: user.id,
  secretHash: aHash(),
  state: "pending",
  expiresAt: new Date(TODAY.getTime() + DAY),
  createdAt: new Date(TODAY.getTime() - DAY),
  acceptedAt: null,
  ...overrides
})

class RolledBack {
  readonly _tag = "RolledBack"
}
const rolledBack = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Transactor, (transactor) =>
    Effect.ignore(transactor.withTransaction(Effect.andThen(effect, Effect.fail(new RolledBack()))))
  )

const insertUsers = (tenantId: TenantId, n: number, overrides: Partial<User> = {}) =>
  Effect.flatMap(UserRepository, (users) =>
    Effect.forEach(Array.from({ length: n }), () =>
      Effect.orDie(users.insert(aUser({ tenantId, ...overrides })))
    )
  )

/**
 * The TenantOverview guarantees: users per status exact through every kind of write and isolated by tenant;
 * sign-ins per UTC day over exactly the asked window (login successes only, rolled-back ones never); pending
 * invitations counted while unexpired; expiring memberships in the half-open window, soonest first, limited,
 * with their total.
 */
export const tenantOverviewTests = (it: TenantOverviewIt): void => {
  it.effect(
    "usersByStatus: every status, zero when none, exact after writes; other tenants not counted",
    () =>
      Effect.gen(function* () {
        const overview = yield* TenantOverview
        const users = yield* UserRepository
        const { tenant } = yield* freshTenant()
        const { tenant: other } = yield* freshTenant()
        assert.deepStrictEqual(yield* overview.usersByStatus(tenant.id), {
          pending: 0,
          active: 0,
          disabled: 0,
          deactivated: 0
        })
        const active = yield* insertUsers(tenant.id, 3, { status: "active" })
        yield* insertUsers(tenant.id, 2, { status: "pending" })
        yield* insertUsers(other.id, 4, { status: "active" })
        yield* Effect.orDie(
          users.insertMany([
            aUser({ tenantId: tenant.id, status: "disabled" }),
            aUser({ tenantId: tenant.id, status: "active" })
          ])
        )
        const [first, second] = active as [User, User]
        yield* Effect.orDie(users.update({ ...first, status: "deactivated" }, first.version))
        yield* Effect.orDie(users.delete(tenant.id, second.id))
        yield* rolledBack(insertUsers(tenant.id, 5, { status: "disabled" }))
        // 3 active + 1 from insertMany, one deactivated, one deleted; the rolled-back five never counted
        assert.deepStrictEqual(yield* overview.usersByStatus(tenant.id), {
          pending: 2,
          active: 2,
          disabled: 1,
          deactivated: 1
        })
        assert.strictEqual((yield* overview.usersByStatus(other.id)).active, 4)
      })
  )

  it.effect("signInsPerDay: login successes per UTC day over exactly the window, oldest first", () =>
    Effect.gen(function* () {
      const overview = yield* TenantOverview
      const audit = yield* AuditLog
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const events = [
        signIn(tenant.id, at(0, "00:00:00.000")),
        signIn(tenant.id, at(0, "23:59:59.999")),
        signIn(tenant.id, at(0)),
        signIn(tenant.id, at(2)),
        signIn(tenant.id, at(29, "00:00:00.000")),
        signIn(tenant.id, at(30, "23:59:59.999")), // the day before the window
        signIn(tenant.id, at(1), "auth.login_failed"),
        signIn(tenant.id, at(1), "auth.logout"),
        signIn(other.id, at(1))
      ]
      for (const event of events) yield* audit.append(event)
      yield* rolledBack(audit.append(signIn(tenant.id, at(3))))
      const days = yield* overview.signInsPerDay(tenant.id, { today: TODAY, days: 30 })
      assert.strictEqual(days.length, 30)
      assert.strictEqual(days[0]?.day, at(29).toISOString().slice(0, 10))
      assert.strictEqual(days[29]?.day, "2031-05-20")
      const counts = Object.fromEntries(days.filter((d) => d.count > 0).map((d) => [d.day, d.count]))
      assert.deepStrictEqual(counts, {
        [at(29).toISOString().slice(0, 10)]: 1,
        [at(2).toISOString().slice(0, 10)]: 1,
        "2031-05-20": 3
      })
      const week = yield* overview.signInsPerDay(tenant.id, { today: TODAY, days: 1 })
      assert.deepStrictEqual(week, [{ day: "2031-05-20", count: 3 }])
      const otherDays = yield* overview.signInsPerDay(other.id, { today: TODAY, days: 30 })
      assert.strictEqual(
        otherDays.reduce((n, d) => n + d.count, 0),
        1
      )
    })
  )

  it.effect("pendingInvitations: pending and unexpired only, of this tenant", () =>
    Effect.gen(function* () {
      const overview = yield* TenantOverview
      const invitations = yield* InvitationRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const [a, b, c, d] = (yield* insertUsers(tenant.id, 4, { status: "pending" })) as [
        User,
        User,
        User,
        User
      ]
      const [o] = (yield* insertUsers(other.id, 1, { status: "pending" })) as [User]
      const rows = [
        anInvitation(a, {}),
        anInvitation(b, { expiresAt: new Date(TODAY.getTime() + 1) }),
        anInvitation(c, { expiresAt: TODAY }), // expires exactly now: no longer usable
        anInvitation(d, { state: "accepted", acceptedAt: TODAY }),
        anInvitation(d, { state: "revoked" }),
        anInvitation(o, {})
      ]
      for (const row of rows) yield* invitations.insert(row)
      assert.strictEqual(yield* overview.pendingInvitations(tenant.id, TODAY), 2)
      assert.strictEqual(yield* overview.pendingInvitations(other.id, TODAY), 1)
      assert.strictEqual(
        yield* overview.pendingInvitations(tenant.id, new Date(TODAY.getTime() + 2 * DAY)),
        0
      )
    })
  )

  it.effect("expiringMemberships: from <= expiresAt < until, soonest first, limited, with the total", () =>
    Effect.gen(function* () {
      const overview = yield* TenantOverview
      const memberships = yield* MembershipRepository
      const organizations = yield* OrganizationRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const org = yield* Effect.orDie(organizations.insert(anOrganization({ tenantId: tenant.id })))
      const otherOrg = yield* Effect.orDie(organizations.insert(anOrganization({ tenantId: other.id })))
      const people = (yield* insertUsers(tenant.id, 6)) as ReadonlyArray<User>
      const [outsider] = (yield* insertUsers(other.id, 1)) as [User]
      const until = new Date(TODAY.getTime() + 14 * DAY)
      const expiries: ReadonlyArray<Date | null> = [
        new Date(TODAY.getTime() + 3 * DAY),
        TODAY, // from itself: included
        new Date(TODAY.getTime() - 1), // already expired: not listed
        until, // the end itself: excluded
        null,
        new Date(TODAY.getTime() + 3 * DAY) // same instant as the first: ordered by organization, then user
      ]
      for (const [i, expiresAt] of expiries.entries()) {
        const user = people[i] as User
        yield* Effect.orDie(
          memberships.insert(
            aMembership({
              tenantId: tenant.id,
              organizationId: org.id,
              userId: user.id,
              expiresAt,
              active: i !== 1
            })
          )
        )
      }
      yield* Effect.orDie(
        memberships.insert(
          aMembership({
            tenantId: other.id,
            organizationId: otherOrg.id,
            userId: outsider.id,
            expiresAt: new Date(TODAY.getTime() + DAY)
          })
        )
      )
      const page = yield* overview.expiringMemberships(tenant.id, { from: TODAY, until, limit: 10 })
      assert.strictEqual(page.total, 3)
      const third = [people[0] as User, people[5] as User].sort((x, y) => (x.id < y.id ? -1 : 1))
      assert.deepStrictEqual(
        page.items.map((m) => m.user.id),
        [(people[1] as User).id, ...third.map((u) => u.id)]
      )
      const soonest = page.items[0]
      assert.deepStrictEqual(soonest?.organization, { id: org.id, name: org.name })
      assert.strictEqual(soonest?.user.email, (people[1] as User).email)
      assert.strictEqual(soonest?.user.firstName, (people[1] as User).firstName)
      assert.strictEqual(soonest?.active, false)
      assert.strictEqual(soonest?.expiresAt.getTime(), TODAY.getTime())
      const limited = yield* overview.expiringMemberships(tenant.id, { from: TODAY, until, limit: 1 })
      assert.strictEqual(limited.total, 3)
      assert.deepStrictEqual(
        limited.items.map((m) => m.user.id),
        [(people[1] as User).id]
      )
    })
  )
}

/** Registers the TenantOverview contract against one implementation (its layer is built once). */
export const tenantOverviewContract = (
  name: string,
  implementation: Layer.Layer<AuthRepositories | TenantOverview, unknown>
): void =>
  layer(implementation, { excludeTestServices: true })(`TenantOverview contract (${name})`, (it) =>
    tenantOverviewTests(it)
  )
