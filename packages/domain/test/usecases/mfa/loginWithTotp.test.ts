import { assert, describe, it } from "@effect/vitest"
import {
  changeOwnPassword,
  confirmTotpEnrollment,
  disableTotp,
  FailedAttempts,
  login,
  startTotpEnrollment,
  TotpRepository
} from "@gatehouse/domain"
import { Effect, Option, Redacted } from "effect"
import * as TestClock from "effect/testing/TestClock"
import {
  auditOf,
  codeAt,
  credentials,
  enrollTotp,
  failuresOf,
  lockAccount,
  provide,
  reload,
  STEP_MS,
  seedAccount
} from "../auth/support.ts"

describe("login with TOTP", () => {
  it.effect("right password without a code: MfaRequired, neither counted nor resetting the counter", () =>
    Effect.gen(function* () {
      const { tenant, user, actor, password } = yield* seedAccount()
      yield* enrollTotp(actor)
      yield* (yield* FailedAttempts).recordFailure(tenant.id, user.id, new Date(0))
      const error = yield* Effect.flip(login(credentials(tenant, user, password)))
      assert.strictEqual(error._tag, "MfaRequired")
      assert.strictEqual(yield* failuresOf(user), 1)
      // a wrong password with TOTP on is still just InvalidCredentials (no hint that TOTP is on)
      assert.strictEqual(
        (yield* Effect.flip(login(credentials(tenant, user, "Wrong-password-1"))))._tag,
        "InvalidCredentials"
      )
    }).pipe(provide)
  )

  it.effect(
    "a code computed at the server time logs in; +-1 step of drift is accepted, 2 steps are not",
    () =>
      Effect.gen(function* () {
        const { tenant, user, actor, password } = yield* seedAccount()
        const { secret } = yield* enrollTotp(actor)
        yield* TestClock.adjust(10 * STEP_MS)
        yield* login(credentials(tenant, user, password, yield* codeAt(secret)))
        yield* TestClock.adjust(10 * STEP_MS)
        yield* login(credentials(tenant, user, password, yield* codeAt(secret, -STEP_MS)))
        yield* TestClock.adjust(10 * STEP_MS)
        yield* login(credentials(tenant, user, password, yield* codeAt(secret, STEP_MS)))
        yield* TestClock.adjust(10 * STEP_MS)
        const early = yield* Effect.flip(
          login(credentials(tenant, user, password, yield* codeAt(secret, 2 * STEP_MS)))
        )
        const late = yield* Effect.flip(
          login(credentials(tenant, user, password, yield* codeAt(secret, -2 * STEP_MS)))
        )
        assert.deepStrictEqual([early._tag, late._tag], ["InvalidCredentials", "InvalidCredentials"])
      }).pipe(provide)
  )

  it.effect(
    "regression: reusable one-time token (ZITADEL CVE-2025-46815): a TOTP code is accepted once, and the confirming code's step is spent",
    () =>
      Effect.gen(function* () {
        const { tenant, user, actor, password } = yield* seedAccount()
        const { secret } = yield* enrollTotp(actor)
        // same instant as the confirmation: the only valid code is the one already used to confirm
        const confirming = yield* codeAt(secret)
        assert.strictEqual(
          (yield* Effect.flip(login(credentials(tenant, user, password, confirming))))._tag,
          "InvalidCredentials"
        )
        yield* TestClock.adjust(STEP_MS)
        const code = yield* codeAt(secret)
        yield* login(credentials(tenant, user, password, code))
        const again = yield* Effect.flip(login(credentials(tenant, user, password, code)))
        assert.strictEqual(again._tag, "InvalidCredentials")
        const reasons = (yield* auditOf(tenant))
          .filter((e) => e.action === "auth.login_failed")
          .map((e) => e.details.reason)
        assert.deepStrictEqual(reasons, ["wrong_totp", "wrong_totp"])
      }).pipe(provide)
  )

  it.effect("20 concurrent logins with one TOTP code: exactly one succeeds", () =>
    Effect.gen(function* () {
      const { tenant, user, actor, password } = yield* seedAccount()
      const { secret } = yield* enrollTotp(actor)
      yield* TestClock.adjust(STEP_MS)
      const code = yield* codeAt(secret)
      const results = yield* Effect.all(
        Array.from({ length: 20 }, () => Effect.result(login(credentials(tenant, user, password, code)))),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(results.filter((r) => r._tag === "Success").length, 1)
    }).pipe(provide)
  )

  it.effect(
    "regression: reusable one-time token (ZITADEL CVE-2025-46815): a recovery code is accepted in place of a TOTP code once, typed in any case, with or without dashes",
    () =>
      Effect.gen(function* () {
        const { tenant, user, actor, password } = yield* seedAccount()
        const { recoveryCodes } = yield* enrollTotp(actor)
        const [first, second] = recoveryCodes as [string, string]
        const result = yield* login(credentials(tenant, user, password, first))
        assert.strictEqual(result.session.scope, "full")
        assert.strictEqual(
          (yield* Effect.flip(login(credentials(tenant, user, password, first))))._tag,
          "InvalidCredentials"
        )
        yield* login(credentials(tenant, user, password, second.replace(/-/g, "").toUpperCase()))
        const stored = Option.getOrThrow(yield* (yield* TotpRepository).find(tenant.id, user.id))
        assert.strictEqual(stored.recoveryCodeHashes.length, 8)
        const succeeded = (yield* auditOf(tenant)).filter((e) => e.action === "auth.login_succeeded")
        assert.deepStrictEqual(
          succeeded.map((e) => e.details.secondFactor),
          ["recovery_code", "recovery_code"]
        )
      }).pipe(provide)
  )

  it.effect(
    "regression: TOTP brute force, lockout off by default (ZITADEL CVE-2025-64102): TOTP attempts are throttled by default",
    () =>
      Effect.gen(function* () {
        const { tenant, user, actor, password } = yield* seedAccount()
        const { secret } = yield* enrollTotp(actor)
        yield* TestClock.adjust(STEP_MS)
        const right = yield* codeAt(secret)
        const wrong = right === "999999" ? "999998" : "999999"
        for (let i = 0; i < 5; i++) {
          assert.strictEqual(
            (yield* Effect.flip(login(credentials(tenant, user, password, wrong))))._tag,
            "InvalidCredentials"
          )
          // the right password alone does not reset the count (the fifth failure already brings a wait)
          if (i < 4) {
            assert.strictEqual(
              (yield* Effect.flip(login(credentials(tenant, user, password))))._tag,
              "MfaRequired"
            )
          }
        }
        assert.strictEqual(yield* failuresOf(user), 5)
        // the sixth guess is refused before any check, even the right code
        assert.strictEqual(
          (yield* Effect.flip(login(credentials(tenant, user, password, right))))._tag,
          "TooManyAttempts"
        )
        yield* TestClock.adjust("1 second")
        yield* login(credentials(tenant, user, password, right))
        assert.strictEqual(yield* failuresOf(user), 0)
      }).pipe(provide)
  )

  it.effect(
    "regression: a login path skipped the lockout check (Keycloak CVE-2026-9798): a locked account is refused on every path (password, TOTP, recovery code, password change, TOTP confirm and disable)",
    () =>
      Effect.gen(function* () {
        const { tenant, user, actor, password } = yield* seedAccount()
        const { secret, recoveryCodes } = yield* enrollTotp(actor)
        yield* TestClock.adjust(STEP_MS)
        yield* lockAccount(user)
        const code = yield* codeAt(secret)
        const tags = [
          (yield* Effect.flip(login(credentials(tenant, user, password))))._tag,
          (yield* Effect.flip(login(credentials(tenant, user, password, code))))._tag,
          (yield* Effect.flip(login(credentials(tenant, user, password, recoveryCodes[0]!))))._tag,
          (yield* Effect.flip(
            changeOwnPassword(actor, {
              currentPassword: Redacted.make(password),
              newPassword: Redacted.make("Brand-New-77-river")
            })
          ))._tag,
          (yield* Effect.flip(disableTotp(actor, { code })))._tag
        ]
        assert.deepStrictEqual(tags, [
          "TooManyAttempts",
          "TooManyAttempts",
          "TooManyAttempts",
          "TooManyAttempts",
          "TooManyAttempts"
        ])
        // confirming an enrolment is a secret check too
        const other = yield* seedAccount()
        const started = yield* startTotpEnrollment(other.actor)
        yield* lockAccount(other.user)
        const confirm = yield* Effect.flip(
          confirmTotpEnrollment(other.actor, { code: yield* codeAt(started.secret) })
        )
        assert.strictEqual(confirm._tag, "TooManyAttempts")
        // nothing was consumed or changed by the refused attempts
        const stored = Option.getOrThrow(yield* (yield* TotpRepository).find(tenant.id, user.id))
        assert.strictEqual(stored.recoveryCodeHashes.length, 10)
        assert.isTrue((yield* reload(user)).totpEnabled)
      }).pipe(provide)
  )
})
