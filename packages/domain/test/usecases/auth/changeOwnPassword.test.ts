import { assert, describe, it } from "@effect/vitest"
import { authenticateSession, changeOwnPassword, login, PasswordHasher, userActor } from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import * as TestClock from "effect/testing/TestClock"
import { auditOf, credentials, failuresOf, provide, rejectionOf, reload, seedAccount } from "./support.ts"

const NEW = "Silver-Meadow-93-compass"
const change = (currentPassword: string, newPassword: string) => ({
  currentPassword: Redacted.make(currentPassword),
  newPassword: Redacted.make(newPassword)
})

describe("changeOwnPassword", () => {
  it.effect(
    "regression: password change left sessions alive (Better Auth #9855): old sessions get 401 after a self change, the current one too",
    () =>
      Effect.gen(function* () {
        const { tenant, user, password } = yield* seedAccount()
        const laptop = yield* login(credentials(tenant, user, password))
        const phone = yield* login(credentials(tenant, user, password))
        const actor = yield* authenticateSession(laptop.token)
        yield* changeOwnPassword(actor, change(password, NEW))
        for (const { token } of [laptop, phone]) {
          assert.strictEqual(yield* rejectionOf(token), "revoked")
        }
        // only the new password works now
        assert.strictEqual(
          (yield* Effect.flip(login(credentials(tenant, user, password))))._tag,
          "InvalidCredentials"
        )
        yield* login(credentials(tenant, user, NEW))
        const event = (yield* auditOf(tenant)).find((e) => e.action === "user.password_changed")
        assert.deepStrictEqual(
          [event?.actorId, event?.targetId, event?.details.sessionsEnded],
          [user.id, user.id, 2]
        )
        assert.notInclude(JSON.stringify(yield* auditOf(tenant)), NEW)
      }).pipe(provide)
  )

  it.effect("a password_change session completes the forced change; the next login is full", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount({ user: { mustChangePassword: true } })
      const first = yield* login(credentials(tenant, user, password))
      assert.strictEqual(first.session.scope, "password_change")
      yield* changeOwnPassword(yield* authenticateSession(first.token), change(password, NEW))
      assert.isFalse((yield* reload(user)).mustChangePassword)
      assert.strictEqual((yield* login(credentials(tenant, user, NEW))).session.scope, "full")
    }).pipe(provide)
  )

  it.effect("a wrong current password is refused, counted (committed) and audited; nothing changes", () =>
    Effect.gen(function* () {
      const { tenant, user, actor, password } = yield* seedAccount()
      const error = yield* Effect.flip(changeOwnPassword(actor, change("Not-my-password-1", NEW)))
      assert.strictEqual(error._tag, "InvalidCurrentPassword")
      assert.strictEqual(yield* failuresOf(user), 1)
      assert.strictEqual((yield* reload(user)).passwordHash, user.passwordHash)
      assert.isTrue((yield* auditOf(tenant)).some((e) => e.action === "user.password_change_failed"))
      yield* login(credentials(tenant, user, password))
    }).pipe(provide)
  )

  it.effect("the current-password check is throttled like login (lockout on every path)", () =>
    Effect.gen(function* () {
      const { user, actor, password } = yield* seedAccount()
      for (let i = 0; i < 5; i++)
        yield* Effect.flip(changeOwnPassword(actor, change("Not-my-password-1", NEW)))
      const error = yield* Effect.flip(changeOwnPassword(actor, change(password, NEW)))
      assert.strictEqual(error._tag, "TooManyAttempts")
      assert.strictEqual(yield* failuresOf(user), 5)
      yield* TestClock.adjust("1 second")
      yield* changeOwnPassword(actor, change(password, NEW))
      assert.strictEqual(yield* failuresOf(user), 0)
    }).pipe(provide)
  )

  it.effect(
    "the new password must pass the policy (context words included) and differ from the current one",
    () =>
      Effect.gen(function* () {
        const { tenant, user, actor, password } = yield* seedAccount()
        const rulesOf = (newPassword: string) =>
          Effect.map(Effect.flip(changeOwnPassword(actor, change(password, newPassword))), (e) =>
            e._tag === "PasswordPolicyViolation" ? e.failures.map((f) => f.rule) : [e._tag]
          )
        assert.deepStrictEqual(yield* rulesOf(password), ["notCurrent"])
        assert.include(yield* rulesOf("short"), "minLength")
        assert.include(yield* rulesOf(`Xy9-${user.firstName.toLowerCase()}-Garden`), "noContextWords")
        assert.include(yield* rulesOf(`Xy9-${tenant.name.replace(" ", "")}-Garden`), "noContextWords")
        assert.strictEqual((yield* reload(user)).passwordHash, user.passwordHash)
      }).pipe(provide)
  )

  it.effect("an mfa_enrollment session cannot change the password (steps cannot be skipped)", () =>
    Effect.gen(function* () {
      const { user, password } = yield* seedAccount()
      const actor = userActor(user.tenantId, user.id, "mfa_enrollment")
      assert.strictEqual(
        (yield* Effect.flip(changeOwnPassword(actor, change(password, NEW))))._tag,
        "Forbidden"
      )
    }).pipe(provide)
  )

  it.effect("the new hash comes from the hasher and verifies", () =>
    Effect.gen(function* () {
      const { user, actor, password } = yield* seedAccount()
      yield* changeOwnPassword(actor, change(password, NEW))
      const stored = (yield* reload(user)).passwordHash!
      assert.isTrue((yield* (yield* PasswordHasher).verify(stored, Redacted.make(NEW))).valid)
      assert.isFalse((yield* (yield* PasswordHasher).verify(stored, Redacted.make(password))).valid)
    }).pipe(provide)
  )
})
