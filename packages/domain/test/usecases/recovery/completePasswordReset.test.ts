import { assert, describe, it } from "@effect/vitest"
import {
  completePasswordReset,
  login,
  requestPasswordReset,
  type Tenant,
  type User,
  UserRepository,
  updateAccountRecoverySettings
} from "@gatehouse/domain"
import { Clock, Effect, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { issueSession } from "../../../src/usecases/sessions/index.ts"
import {
  auditOf,
  credentials,
  enrollTotp,
  failuresOf,
  rejectionOf,
  reload,
  seedAccount
} from "../auth/support.ts"
import { lastLink, NEW_PASSWORD, provide } from "./support.ts"

const resetLinkFor = (tenant: Pick<Tenant, "slug">, user: Pick<User, "email">) =>
  Effect.gen(function* () {
    yield* requestPasswordReset({ tenant: tenant.slug, email: user.email })
    return (yield* lastLink("password-reset")).token
  })

const complete = (token: Redacted.Redacted<string>, password = NEW_PASSWORD) =>
  completePasswordReset({ token, newPassword: Redacted.make(password) })

const failureOf = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.flip(effect), (e) => e._tag)

describe("completePasswordReset", () => {
  it.effect("sets the password, ends every session, clears a forced change and verifies the email", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount({
        user: { mustChangePassword: true, emailVerified: false }
      })
      const at = new Date(yield* Clock.currentTimeMillis)
      const sessions = [
        yield* issueSession({ tenantId: tenant.id, userId: user.id, scope: "password_change", at }),
        yield* issueSession({ tenantId: tenant.id, userId: user.id, scope: "full", at })
      ]
      const token = yield* resetLinkFor(tenant, user)
      yield* complete(token)

      for (const session of sessions) assert.strictEqual(yield* rejectionOf(session.token), "revoked")
      const stored = yield* reload(user)
      assert.isFalse(stored.mustChangePassword)
      assert.isTrue(stored.emailVerified)
      assert.strictEqual(yield* failureOf(login(credentials(tenant, user, password))), "InvalidCredentials")
      const signedIn = yield* login(credentials(tenant, user, NEW_PASSWORD))
      assert.strictEqual(signedIn.session.scope, "full")
      const event = (yield* auditOf(tenant)).find((e) => e.action === "user.password_reset")
      assert.deepStrictEqual(event?.details, { via: "email_link", sessionsEnded: 2 })
      assert.strictEqual(event?.actorId, user.id)
    }).pipe(provide)
  )

  it.effect("TOTP is still asked at the next login (a reset never removes the second factor)", () =>
    Effect.gen(function* () {
      const { tenant, user, actor } = yield* seedAccount()
      yield* enrollTotp(actor)
      yield* TestClock.adjust("1 minute")
      yield* complete(yield* resetLinkFor(tenant, user))
      assert.isTrue((yield* reload(user)).totpEnabled)
      assert.strictEqual(yield* failureOf(login(credentials(tenant, user, NEW_PASSWORD))), "MfaRequired")
    }).pipe(provide)
  )

  it.effect("a token works once: reuse is TokenUsed, and changes nothing", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* seedAccount()
      const token = yield* resetLinkFor(tenant, user)
      yield* complete(token)
      const before = yield* reload(user)
      assert.strictEqual(yield* failureOf(complete(token, "Another-Orchid-Summit-55")), "TokenUsed")
      assert.deepStrictEqual(yield* reload(user), before)
    }).pipe(provide)
  )

  it.effect("expires after 30 minutes (TestClock): just before works, at 30 minutes TokenExpired", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* seedAccount()
      const token = yield* resetLinkFor(tenant, user)
      yield* TestClock.adjust("30 minutes")
      assert.strictEqual(yield* failureOf(complete(token)), "TokenExpired")

      yield* TestClock.adjust("1 hour")
      const fresh = yield* resetLinkFor(tenant, user)
      yield* TestClock.adjust("29 minutes")
      yield* complete(fresh)
    }).pipe(provide)
  )

  it.effect("a link replaced by a newer request is TokenInvalid; the newer one works", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* seedAccount()
      const first = yield* resetLinkFor(tenant, user)
      const second = yield* resetLinkFor(tenant, user)
      assert.strictEqual(yield* failureOf(complete(first)), "TokenInvalid")
      yield* complete(second)
    }).pipe(provide)
  )

  it.effect("the tenant's policy applies (PasswordPolicyViolation) and the token stays usable", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* seedAccount()
      const token = yield* resetLinkFor(tenant, user)
      const refused = yield* Effect.flip(complete(token, "short"))
      assert.strictEqual(refused._tag, "PasswordPolicyViolation")
      if (refused._tag === "PasswordPolicyViolation") {
        assert.include(
          refused.failures.map((f) => f.rule),
          "minLength"
        )
      }
      yield* complete(token)
    }).pipe(provide)
  )

  it.effect(
    "unknown, malformed and wrong-secret tokens are TokenInvalid; wrong secrets count as failures",
    () =>
      Effect.gen(function* () {
        const { tenant, user } = yield* seedAccount()
        const token = Redacted.value(yield* resetLinkFor(tenant, user))
        const [id, secret] = token.split(".") as [string, string]
        for (const candidate of [
          "",
          "x",
          id,
          `${globalThis.crypto.randomUUID()}.${secret}`,
          `${id}.${secret}x`
        ])
          assert.strictEqual(yield* failureOf(complete(Redacted.make(candidate))), "TokenInvalid", candidate)
        const wrong = `${id}.${secret[0] === "A" ? "B" : "A"}${secret.slice(1)}`
        assert.strictEqual(yield* failureOf(complete(Redacted.make(wrong))), "TokenInvalid")
        assert.strictEqual(yield* failuresOf(user), 1)
        const failed = (yield* auditOf(tenant)).filter((e) => e.action === "user.token_check_failed")
        assert.deepStrictEqual(failed[0]?.details, {
          purpose: "password_reset",
          reason: "wrong_secret",
          failures: 1
        })
      }).pipe(provide)
  )

  it.effect("a disabled user's link, and every link once resets are switched off, is TokenInvalid", () =>
    Effect.gen(function* () {
      const { tenant, user, adminActor } = yield* seedAccount()
      const token = yield* resetLinkFor(tenant, user)
      yield* updateAccountRecoverySettings(adminActor, { passwordReset: false })
      assert.strictEqual(yield* failureOf(complete(token)), "TokenInvalid")
      yield* updateAccountRecoverySettings(adminActor, { passwordReset: true })
      const users = yield* UserRepository
      const current = yield* reload(user)
      yield* users.update({ ...current, status: "disabled" }, current.version)
      assert.strictEqual(yield* failureOf(complete(token)), "TokenInvalid")
      const disabled = yield* reload(user)
      yield* users.update({ ...disabled, status: "active" }, disabled.version)
      yield* complete(token)
    }).pipe(provide)
  )
})
