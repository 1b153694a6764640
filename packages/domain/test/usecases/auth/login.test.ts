import { assert, describe, it } from "@effect/vitest"
import {
  authenticateSession,
  type Email,
  type LoginInput,
  login,
  PasswordHasher,
  type RoleName,
  UserRepository
} from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import * as TestClock from "effect/testing/TestClock"
import {
  auditOf,
  credentials,
  failuresOf,
  PASSWORD,
  provide,
  reload,
  scopeOf,
  seedAccount
} from "./support.ts"

/** The tag a failed login gives. */
const failureOf = (input: LoginInput) => Effect.map(Effect.flip(login(input)), (error) => error._tag)

describe("login", () => {
  it.effect("returns a full session whose token authenticates the user, and records lastLoginAt", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const result = yield* login(credentials(tenant, user, password))
      assert.strictEqual(result.session.scope, "full")
      assert.strictEqual(result.user.id, user.id)
      assert.strictEqual(
        result.session.expiresAt.getTime() - Date.parse("2026-03-02T09:00:00Z"),
        12 * 3600_000
      )
      const actor = yield* authenticateSession(result.token)
      assert.deepStrictEqual(actor, { _tag: "User", tenantId: tenant.id, userId: user.id, scope: "full" })
      const stored = yield* reload(user)
      assert.strictEqual(stored.lastLoginAt?.toISOString(), "2026-03-02T09:00:00.000Z")
      const events = yield* auditOf(tenant)
      const succeeded = events.filter((e) => e.action === "auth.login_succeeded")
      assert.strictEqual(succeeded.length, 1)
      assert.strictEqual(succeeded[0]!.actorId, user.id)
      assert.notInclude(JSON.stringify(events), password)
      assert.notInclude(JSON.stringify(events), Redacted.value(result.token).split(".")[1]!)
    }).pipe(provide)
  )

  it.effect("the email is matched after normalising (trim, lower case)", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const result = yield* login({
        ...credentials(tenant, user, password),
        email: `  ${user.email.toUpperCase()} `
      })
      assert.strictEqual(result.user.id, user.id)
    }).pipe(provide)
  )

  it.effect("the password is compared exactly as typed (no trimming, no case folding)", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      assert.strictEqual(yield* failureOf(credentials(tenant, user, ` ${password}`)), "InvalidCredentials")
      assert.strictEqual(
        yield* failureOf(credentials(tenant, user, password.toLowerCase())),
        "InvalidCredentials"
      )
    }).pipe(provide)
  )

  it.effect(
    "regression: account existence leaked by login responses (Supabase #2702): the same failure for unknown tenant, unknown email, wrong password, pending, disabled and deactivated accounts",
    () =>
      Effect.gen(function* () {
        const { tenant, user, password } = yield* seedAccount()
        const users = yield* UserRepository
        const seed = (status: "pending" | "disabled" | "deactivated") =>
          Effect.gen(function* () {
            const hash = yield* (yield* PasswordHasher).hash(Redacted.make(password))
            return yield* users
              .insert({
                ...user,
                id: crypto.randomUUID() as never,
                email: `${status}@example.com` as Email,
                status,
                passwordHash: hash
              })
              .pipe(Effect.orDie)
          })
        const pending = yield* seed("pending")
        const disabled = yield* seed("disabled")
        const deactivated = yield* seed("deactivated")
        const failures = [
          yield* failureOf(credentials({ slug: "no-such-tenant" as never }, user, password)),
          yield* failureOf(credentials(tenant, { email: "nobody@example.com" as Email }, password)),
          yield* failureOf(credentials(tenant, user, "Wrong-password-1")),
          // the right password does not help a blocked account
          yield* failureOf(credentials(tenant, pending, password)),
          yield* failureOf(credentials(tenant, disabled, password)),
          yield* failureOf(credentials(tenant, deactivated, password)),
          yield* failureOf(credentials({ slug: "Not A Slug!" as never }, user, password)),
          yield* failureOf(credentials(tenant, { email: "not an email" as Email }, password))
        ]
        assert.deepStrictEqual(new Set(failures), new Set(["InvalidCredentials"]))
        // only the audit trail tells them apart (no audit for an unknown tenant: there is no tenant to log in)
        const reasons = (yield* auditOf(tenant))
          .filter((e) => e.action === "auth.login_failed")
          .map((e) => e.details.reason)
        assert.deepStrictEqual(reasons, [
          "unknown_account",
          "wrong_password",
          "account_pending",
          "account_disabled",
          "account_deactivated",
          "unknown_account"
        ])
        const errors = yield* Effect.all([
          Effect.flip(login(credentials(tenant, { email: "nobody@example.com" as Email }, password))),
          Effect.flip(login(credentials(tenant, user, "Wrong-password-1"))),
          Effect.flip(login(credentials(tenant, disabled, password)))
        ])
        // same body too: nothing in the error tells the cases apart
        assert.deepStrictEqual(
          errors.map((e) => JSON.stringify(e)),
          errors.map(() => JSON.stringify(errors[0]))
        )
      }).pipe(provide)
  )

  it.effect(
    "regression: account existence leaked by login responses (Supabase #2702): an unknown email or tenant costs a dummy hash verification, so timing does not tell it apart",
    () =>
      Effect.gen(function* () {
        const { tenant, password } = yield* seedAccount()
        const base = yield* PasswordHasher
        let dummies = 0
        const spy = PasswordHasher.of({
          ...base,
          verifyDummy: (p) =>
            Effect.andThen(
              Effect.sync(() => dummies++),
              base.verifyDummy(p)
            )
        })
        const error = yield* Effect.flip(
          login(credentials(tenant, { email: "ghost@example.com" as Email }, password))
        ).pipe(Effect.provideService(PasswordHasher, spy))
        assert.strictEqual(error._tag, "InvalidCredentials")
        assert.strictEqual(dummies, 1)
        yield* Effect.flip(
          login(credentials({ slug: "ghost-tenant" as never }, { email: "g@example.com" as Email }, password))
        ).pipe(Effect.provideService(PasswordHasher, spy))
        assert.strictEqual(dummies, 2)
      }).pipe(provide)
  )

  it.effect(
    "failed logins are audited without secrets; an unknown email is audited as anonymous with the email",
    () =>
      Effect.gen(function* () {
        const { tenant, user } = yield* seedAccount()
        yield* Effect.flip(login(credentials(tenant, user, "Wrong-password-1")))
        yield* Effect.flip(login(credentials(tenant, { email: "ghost@example.com" as Email }, "Guess-1")))
        const failed = (yield* auditOf(tenant)).filter((e) => e.action === "auth.login_failed")
        assert.strictEqual(failed.length, 2)
        assert.deepStrictEqual(
          failed.map((e) => [e.actorKind, e.actorId, e.targetId, e.details.email, e.details.reason]),
          [
            ["anonymous", null, user.id, user.email, "wrong_password"],
            ["anonymous", null, null, "ghost@example.com", "unknown_account"]
          ]
        )
        const text = JSON.stringify(failed)
        assert.notInclude(text, "Wrong-password-1")
        assert.notInclude(text, "Guess-1")
        assert.notInclude(text, user.passwordHash!)
      }).pipe(provide)
  )

  it.effect("a new session on every login (ASVS 7.2.4), each with its own token", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const first = yield* login(credentials(tenant, user, password))
      const second = yield* login(credentials(tenant, user, password))
      assert.notStrictEqual(first.session.id, second.session.id)
      assert.notStrictEqual(Redacted.value(first.token), Redacted.value(second.token))
      // both stay valid: a new login does not take over an old session
      yield* authenticateSession(first.token)
      yield* authenticateSession(second.token)
    }).pipe(provide)
  )

  it.effect("first login after an admin-set password gives a password_change session", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount({ user: { mustChangePassword: true } })
      const result = yield* login(credentials(tenant, user, password))
      assert.strictEqual(result.session.scope, "password_change")
      assert.strictEqual(yield* scopeOf(result.token), "password_change")
    }).pipe(provide)
  )

  it.effect("a role that requires TOTP with none enrolled gives an mfa_enrollment session", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount({
        preset: "weavestream",
        user: { role: "CONTRACTOR" as RoleName }
      })
      const result = yield* login(credentials(tenant, user, password))
      assert.strictEqual(result.session.scope, "mfa_enrollment")
    }).pipe(provide)
  )

  it.effect(
    "an admin's requireTotp toggle gives an mfa_enrollment session too; a forced change comes first",
    () =>
      Effect.gen(function* () {
        const { tenant, user, password } = yield* seedAccount({ user: { requireTotp: true } })
        assert.strictEqual(
          (yield* login(credentials(tenant, user, password))).session.scope,
          "mfa_enrollment"
        )
        const users = yield* UserRepository
        const current = yield* reload(user)
        yield* users.update({ ...current, mustChangePassword: true }, current.version)
        assert.strictEqual(
          (yield* login(credentials(tenant, user, password))).session.scope,
          "password_change"
        )
      }).pipe(provide)
  )

  it.effect("rehashes the password on login when the hasher says the parameters are outdated", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const base = yield* PasswordHasher
      const current = new Set<string>()
      // a hasher whose "current parameters" are only the hashes it made itself
      const upgrading = PasswordHasher.of({
        ...base,
        hash: (p) => Effect.tap(base.hash(p), (h) => Effect.sync(() => current.add(h))),
        verify: (h, p) =>
          Effect.map(base.verify(h, p), (v) => ({ ...v, needsRehash: v.valid && !current.has(h) }))
      })
      const run = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
        Effect.provideService(effect, PasswordHasher, upgrading)
      yield* run(login(credentials(tenant, user, password)))
      const rehashed = (yield* reload(user)).passwordHash!
      assert.notStrictEqual(rehashed, user.passwordHash)
      assert.isTrue(current.has(rehashed))
      assert.isTrue((yield* base.verify(rehashed, Redacted.make(password))).valid)
      // the new hash is current: no further rehash
      yield* TestClock.adjust("1 minute")
      yield* run(login(credentials(tenant, user, password)))
      assert.strictEqual((yield* reload(user)).passwordHash, rehashed)
      // a wrong password never rehashes
      yield* Effect.flip(run(login(credentials(tenant, user, `${PASSWORD}x`))))
      assert.strictEqual((yield* reload(user)).passwordHash, rehashed)
    }).pipe(provide)
  )

  it.effect("a successful login resets the failure counter", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      for (let i = 0; i < 3; i++) yield* Effect.flip(login(credentials(tenant, user, "Wrong-password-1")))
      assert.strictEqual(yield* failuresOf(user), 3)
      yield* login(credentials(tenant, user, password))
      assert.strictEqual(yield* failuresOf(user), 0)
    }).pipe(provide)
  )

  it.effect("a user without a password (pending setup) cannot log in, whatever is typed", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* seedAccount({ user: { passwordHash: null } })
      assert.strictEqual(yield* failureOf(credentials(tenant, user, "")), "InvalidCredentials")
      assert.strictEqual(yield* failuresOf(user), 1)
    }).pipe(provide)
  )
})
