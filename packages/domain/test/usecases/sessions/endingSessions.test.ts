import { assert, describe, it } from "@effect/vitest"
import {
  authenticateSession,
  listMySessions,
  listUserSessions,
  login,
  logout,
  PasswordHasher,
  revokeMySession,
  revokeUserSessions,
  UserRepository
} from "@gatehouse/domain"
import { seedUser } from "@gatehouse/testkit"
import { Effect, Redacted } from "effect"
import * as TestClock from "effect/testing/TestClock"
import { endAllSessions } from "../../../src/usecases/sessions/index.ts"
import { auditOf, credentials, provide, rejectionOf, reload, seedAccount } from "../auth/support.ts"

describe("ending sessions", () => {
  it.effect("logout ends the session at once (ASVS 7.4.1); it is idempotent and silent for junk", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const first = yield* login(credentials(tenant, user, password))
      const second = yield* login(credentials(tenant, user, password))
      yield* logout(first.token)
      assert.strictEqual(yield* rejectionOf(first.token), "revoked")
      yield* authenticateSession(second.token)
      yield* logout(first.token)
      yield* logout("junk")
      const logouts = (yield* auditOf(tenant)).filter((e) => e.action === "auth.logout")
      assert.strictEqual(logouts.length, 1)
    }).pipe(provide)
  )

  it.effect("logout needs the secret: a session id alone (ids appear in listings) ends nothing", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const { token, session } = yield* login(credentials(tenant, user, password))
      yield* logout(`${session.id}.${"A".repeat(43)}`)
      yield* authenticateSession(token)
    }).pipe(provide)
  )

  it.effect("a restricted session can log out", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount({ user: { mustChangePassword: true } })
      const { token } = yield* login(credentials(tenant, user, password))
      yield* logout(token)
      assert.strictEqual(yield* rejectionOf(token), "revoked")
    }).pipe(provide)
  )

  it.effect(
    "regression: disabled grants kept working (ZITADEL CVE-2024-46999): a disabled, deactivated or deleted user's session fails on the next request",
    () =>
      Effect.gen(function* () {
        const { tenant, password } = yield* seedAccount()
        const users = yield* UserRepository
        for (const change of ["disabled", "deactivated", "deleted"] as const) {
          const user = yield* seedUser(tenant, {
            passwordHash: yield* (yield* PasswordHasher).hash(Redacted.make(password))
          })
          const { token } = yield* login(credentials(tenant, user, password))
          yield* authenticateSession(token)
          if (change === "deleted") yield* users.delete(tenant.id, user.id)
          else
            yield* users.update({ ...user, status: change, lastLoginAt: null }, (yield* reload(user)).version)
          // a deleted user's sessions go with the user (the store's cascade): the token names no session any more
          assert.strictEqual(
            yield* rejectionOf(token),
            change === "deleted" ? "unknown" : "account_inactive",
            change
          )
        }
      }).pipe(provide)
  )

  it.effect("endAllSessions ends every session of the user, and only theirs", () =>
    Effect.gen(function* () {
      const { tenant, user, admin, password } = yield* seedAccount()
      const mine = yield* Effect.all([1, 2, 3].map(() => login(credentials(tenant, user, password))))
      const other = yield* login(credentials(tenant, admin, password))
      assert.strictEqual(yield* endAllSessions(tenant.id, user.id), 3)
      for (const { token } of mine) assert.strictEqual(yield* rejectionOf(token), "revoked")
      yield* authenticateSession(other.token)
      assert.strictEqual(yield* endAllSessions(tenant.id, user.id), 0)
    }).pipe(provide)
  )
})

describe("own sessions", () => {
  it.effect("list shows the live sessions without secrets; revoking one ends only that one", () =>
    Effect.gen(function* () {
      const { tenant, user, actor, password } = yield* seedAccount()
      const first = yield* login(credentials(tenant, user, password))
      yield* TestClock.adjust("1 minute")
      const second = yield* login(credentials(tenant, user, password))
      yield* TestClock.adjust("1 minute")
      const third = yield* login(credentials(tenant, user, password))
      yield* logout(third.token)
      const listed = yield* listMySessions(actor)
      assert.deepStrictEqual(
        listed.map((s) => s.id),
        [second.session.id, first.session.id]
      )
      assert.notProperty(listed[0], "secretHash")
      yield* revokeMySession(actor, first.session.id)
      assert.strictEqual(yield* rejectionOf(first.token), "revoked")
      yield* authenticateSession(second.token)
      assert.strictEqual(
        (yield* Effect.flip(revokeMySession(actor, first.session.id)))._tag,
        "SessionNotFound"
      )
    }).pipe(provide)
  )

  it.effect("a user cannot revoke someone else's session (object-level check)", () =>
    Effect.gen(function* () {
      const { tenant, admin, actor, password } = yield* seedAccount()
      const theirs = yield* login(credentials(tenant, admin, password))
      const error = yield* Effect.flip(revokeMySession(actor, theirs.session.id))
      assert.strictEqual(error._tag, "SessionNotFound")
      yield* authenticateSession(theirs.token)
    }).pipe(provide)
  )
})

describe("an admin's view of a user's sessions", () => {
  it.effect("users:write lists and ends a user's sessions; audited", () =>
    Effect.gen(function* () {
      const { tenant, user, adminActor, password } = yield* seedAccount()
      const a = yield* login(credentials(tenant, user, password))
      const b = yield* login(credentials(tenant, user, password))
      assert.strictEqual((yield* listUserSessions(adminActor, user.id)).length, 2)
      assert.strictEqual(yield* revokeUserSessions(adminActor, user.id), 2)
      assert.strictEqual(yield* rejectionOf(a.token), "revoked")
      assert.strictEqual(yield* rejectionOf(b.token), "revoked")
      assert.strictEqual((yield* listUserSessions(adminActor, user.id)).length, 0)
      const event = (yield* auditOf(tenant)).find((e) => e.action === "session.revoked_all")
      assert.deepStrictEqual([event?.targetId, event?.details.count], [user.id, 2])
    }).pipe(provide)
  )

  it.effect("without users:write: Forbidden", () =>
    Effect.gen(function* () {
      const { user, admin, actor } = yield* seedAccount()
      assert.strictEqual((yield* Effect.flip(listUserSessions(actor, admin.id)))._tag, "Forbidden")
      assert.strictEqual((yield* Effect.flip(revokeUserSessions(actor, admin.id)))._tag, "Forbidden")
      assert.strictEqual(user.role, "Regular")
    }).pipe(provide)
  )

  it.effect("tenant isolation: a user of another tenant is not found, and their sessions survive", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedAccount()
      const other = yield* seedAccount()
      const theirs = yield* login(credentials(other.tenant, other.user, other.password))
      assert.strictEqual(
        (yield* Effect.flip(listUserSessions(adminActor, other.user.id)))._tag,
        "UserNotFound"
      )
      assert.strictEqual(
        (yield* Effect.flip(revokeUserSessions(adminActor, other.user.id)))._tag,
        "UserNotFound"
      )
      assert.strictEqual(
        (yield* Effect.flip(revokeMySession(adminActor, theirs.session.id)))._tag,
        "SessionNotFound"
      )
      yield* authenticateSession(theirs.token)
    }).pipe(provide)
  )
})
