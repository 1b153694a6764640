import { assert, describe, it } from "@effect/vitest"
import {
  authenticateSession,
  getMe,
  getMeOfSession,
  login,
  logout,
  OrganizationRepository,
  type SessionId,
  SessionRepository,
  UserRepository
} from "@gatehouse/domain"
import { Effect, Option, type Redacted } from "effect"
import * as TestClock from "effect/testing/TestClock"
import { credentials, provide, reload, seedAccount } from "../auth/support.ts"
import { role, seedMembership, seedOrganization } from "./support.ts"

/** What the route answered before: `authenticateSession`, then `getMe` with its actor. */
const twoUseCases = (token: Redacted.Redacted<string> | string) =>
  Effect.flatMap(authenticateSession(token), getMe)

/** The failure's tag, with a `SessionInvalid`'s reason. */
const failureOf = <A, R>(effect: Effect.Effect<A, { readonly _tag: string; readonly reason?: unknown }, R>) =>
  Effect.map(Effect.flip(effect), (e) =>
    e._tag === "SessionInvalid" ? `SessionInvalid:${e.reason}` : e._tag
  )

describe("getMeOfSession (GET /v1/me in one read)", () => {
  it.effect("answers what authenticateSession then getMe answer: memberships, an inactive organization", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const acme = yield* seedOrganization(tenant, { name: "Acme" })
      const closed = yield* seedOrganization(tenant, { name: "Beta" })
      yield* seedMembership(acme, user, { role: role("Limited") })
      yield* seedMembership(closed, user, { role: role("Limited") })
      yield* (yield* OrganizationRepository)
        .update({ ...closed, status: "inactive" }, closed.version)
        .pipe(Effect.orDie)
      const { token } = yield* login(credentials(tenant, user, password))
      const me = yield* getMeOfSession(token)
      assert.deepStrictEqual(me, yield* twoUseCases(token))
      assert.deepStrictEqual(
        me.memberships.map((m) => [m.organization.name, m.inEffect]),
        [
          ["Acme", true],
          ["Beta", false]
        ]
      )
      assert.strictEqual(me.session.scope, "full")
    }).pipe(provide)
  )

  it.effect("a restricted session (password_change) is answered, with its scope", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount({ user: { mustChangePassword: true } })
      const { token } = yield* login(credentials(tenant, user, password))
      const me = yield* getMeOfSession(token)
      assert.strictEqual(me.session.scope, "password_change")
      assert.deepStrictEqual(me, yield* twoUseCases(token))
    }).pipe(provide)
  )

  it.effect("refuses as authenticateSession does: malformed, unknown, ended, inactive user", () =>
    Effect.gen(function* () {
      const { tenant, user, admin, password } = yield* seedAccount()
      const same = (token: Redacted.Redacted<string> | string) =>
        Effect.gen(function* () {
          const failure = yield* failureOf(getMeOfSession(token))
          assert.strictEqual(failure, yield* failureOf(twoUseCases(token)))
          return failure
        })
      assert.strictEqual(yield* same("not a token"), "SessionInvalid:malformed")
      const { token, session } = yield* login(credentials(tenant, user, password))
      // a well-formed token of an unknown session, and a wrong secret for a known one
      const wrongSecret = `${session.id}.${"A".repeat(43)}`
      assert.strictEqual(yield* same(wrongSecret), "SessionInvalid:unknown")
      assert.strictEqual(
        yield* same(`${crypto.randomUUID() as SessionId}.${"A".repeat(43)}`),
        "SessionInvalid:unknown"
      )
      // idle past the inactivity lifetime
      yield* TestClock.adjust("2 hours")
      assert.strictEqual(yield* same(token), "SessionInvalid:expired")
      const second = yield* login(credentials(tenant, admin, password))
      yield* logout(second.token)
      assert.strictEqual(yield* same(second.token), "SessionInvalid:revoked")
      // the user disabled behind the session's back (no session ended): account_inactive
      const third = yield* login(credentials(tenant, user, password))
      const current = yield* reload(user)
      yield* (yield* UserRepository)
        .update({ ...current, status: "disabled" }, current.version)
        .pipe(Effect.orDie)
      assert.strictEqual(yield* same(third.token), "SessionInvalid:account_inactive")
    }).pipe(provide)
  )

  it.effect("touches a session last seen more than the touch interval ago, as authenticateSession does", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const { token, session } = yield* login(credentials(tenant, user, password))
      const sessions = yield* SessionRepository
      const before = Option.getOrThrow(yield* sessions.findById(session.id)).lastSeenAt
      yield* getMeOfSession(token)
      assert.deepStrictEqual(
        Option.getOrThrow(yield* sessions.findById(session.id)).lastSeenAt,
        before,
        "not due"
      )
      yield* TestClock.adjust("5 minutes")
      yield* getMeOfSession(token)
      const touched = Option.getOrThrow(yield* sessions.findById(session.id)).lastSeenAt
      assert.strictEqual(touched.getTime(), before.getTime() + 5 * 60_000)
    }).pipe(provide)
  )
})
