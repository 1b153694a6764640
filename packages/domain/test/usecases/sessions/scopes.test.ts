import { assert, describe, it } from "@effect/vitest"
import {
  authenticateSession,
  createUser,
  type Email,
  listMySessions,
  listUserSessions,
  listUsers,
  login,
  type RoleName,
  revokeMySession,
  type SessionId,
  startTotpEnrollment,
  UserRepository
} from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import { credentials, provide, rejectionOf, reload, seedAccount } from "../auth/support.ts"

describe("identity and restricted scopes", () => {
  it.effect(
    "regression: API acted on a userId from the body instead of the session (Better Auth CVE-2025-61928): identity comes only from the session",
    () =>
      Effect.gen(function* () {
        const { tenant, user, admin, password } = yield* seedAccount()
        const { token } = yield* login(credentials(tenant, user, password))
        const actor = yield* authenticateSession(token)
        assert.deepStrictEqual(actor, { _tag: "User", tenantId: tenant.id, userId: user.id, scope: "full" })
        // the only identity-bearing input of the self-service use cases is that actor: whatever else a request
        // carries cannot make it act for the admin
        const listed = yield* listMySessions(actor)
        assert.isTrue(listed.every((s) => s.userId === user.id))
        const adminLogin = yield* login(credentials(tenant, admin, password))
        assert.strictEqual(
          (yield* Effect.flip(revokeMySession(actor, adminLogin.session.id)))._tag,
          "SessionNotFound"
        )
        // and a session id is not a token: it authenticates nobody
        assert.strictEqual(yield* rejectionOf(adminLogin.session.id as SessionId), "malformed")
      }).pipe(provide)
  )

  it.effect(
    "a password_change session can do nothing but its step: createUser, listUsers, sessions and MFA are Forbidden",
    () =>
      Effect.gen(function* () {
        const { tenant, password, admin } = yield* seedAccount()
        const users = yield* UserRepository
        // an admin who must change their password holds every permission, yet the session is restricted
        yield* users.update(
          { ...(yield* reload(admin)), mustChangePassword: true },
          (yield* reload(admin)).version
        )
        const { token } = yield* login(credentials(tenant, admin, password))
        const actor = yield* authenticateSession(token)
        assert.strictEqual(actor._tag === "User" ? actor.scope : undefined, "password_change")
        const tags = [
          (yield* Effect.flip(
            createUser(actor, {
              email: "new@example.com" as Email,
              firstName: "New",
              lastName: "User",
              role: "Regular" as RoleName,
              credential: { _tag: "Generate" }
            })
          ))._tag,
          (yield* Effect.flip(listUsers(actor, {})))._tag,
          (yield* Effect.flip(listMySessions(actor)))._tag,
          (yield* Effect.flip(listUserSessions(actor, admin.id)))._tag,
          (yield* Effect.flip(startTotpEnrollment(actor)))._tag
        ]
        assert.deepStrictEqual(tags, ["Forbidden", "Forbidden", "Forbidden", "Forbidden", "Forbidden"])
      }).pipe(provide)
  )

  it.effect("an mfa_enrollment session can enrol TOTP but nothing else", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount({ user: { requireTotp: true } })
      const { token } = yield* login(credentials(tenant, user, password))
      const actor = yield* authenticateSession(token)
      const started = yield* startTotpEnrollment(actor)
      assert.isTrue(Redacted.value(started.otpauthUri).startsWith("otpauth://totp/"))
      assert.strictEqual((yield* Effect.flip(listMySessions(actor)))._tag, "Forbidden")
      assert.strictEqual((yield* Effect.flip(listUsers(actor, {})))._tag, "Forbidden")
    }).pipe(provide)
  )
})
