import { assert, describe, it } from "@effect/vitest"
import {
  completeEmailVerification,
  completePasswordReset,
  getAccountRecoverySettings,
  issueSetupInvitation,
  requestEmailVerification,
  updateAccountRecoverySettings,
  userActor
} from "@gatehouse/domain"
import { seedUser, TEST_PUBLIC_URL } from "@gatehouse/testkit"
import { Effect, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { auditOf, reload, seedAccount } from "../auth/support.ts"
import { followSetupLink } from "../users/setupMail.ts"
import { lastLink, provide } from "./support.ts"

const failureOf = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.flip(effect), (e) => e._tag)

describe("email verification", () => {
  it.effect("the emailed link sets emailVerified, once", () =>
    Effect.gen(function* () {
      const { tenant, user, actor } = yield* seedAccount({ user: { emailVerified: false } })
      yield* requestEmailVerification(actor)
      const { mail, link, token } = yield* lastLink("verify-email")
      assert.strictEqual(mail.to, user.email)
      assert.isTrue(link.startsWith(`${TEST_PUBLIC_URL}/verify-email#token=`))
      assert.isFalse((yield* reload(user)).emailVerified)
      yield* completeEmailVerification({ token })
      assert.isTrue((yield* reload(user)).emailVerified)
      assert.strictEqual(yield* failureOf(completeEmailVerification({ token })), "TokenUsed")
      const actions = (yield* auditOf(tenant)).map((e) => e.action)
      assert.includeMembers(actions, ["user.email_verification_requested", "user.email_verified"])
      assert.notInclude(JSON.stringify(yield* auditOf(tenant)), Redacted.value(token).split(".")[1]!)
    }).pipe(provide)
  )

  it.effect("expires after 24 hours; a new request revokes the previous link", () =>
    Effect.gen(function* () {
      const { user, actor } = yield* seedAccount({ user: { emailVerified: false } })
      yield* requestEmailVerification(actor)
      const first = (yield* lastLink("verify-email")).token
      yield* TestClock.adjust("24 hours")
      assert.strictEqual(yield* failureOf(completeEmailVerification({ token: first })), "TokenExpired")
      yield* requestEmailVerification(actor)
      const second = (yield* lastLink("verify-email")).token
      yield* requestEmailVerification(actor)
      const third = (yield* lastLink("verify-email")).token
      assert.strictEqual(yield* failureOf(completeEmailVerification({ token: second })), "TokenInvalid")
      yield* TestClock.adjust("23 hours")
      yield* completeEmailVerification({ token: third })
      assert.isTrue((yield* reload(user)).emailVerified)
    }).pipe(provide)
  )

  it.effect("a reset token does not verify an email, nor the reverse (TokenInvalid)", () =>
    Effect.gen(function* () {
      const { actor } = yield* seedAccount({ user: { emailVerified: false } })
      yield* requestEmailVerification(actor)
      const token = (yield* lastLink("verify-email")).token
      const crossed = yield* Effect.flip(
        completePasswordReset({ token, newPassword: Redacted.make("Copper-Meadow-Falcon-81") })
      )
      assert.strictEqual(crossed._tag, "TokenInvalid")
    }).pipe(provide)
  )

  it.effect("at most 5 verification emails an hour per user", () =>
    Effect.gen(function* () {
      const { actor } = yield* seedAccount()
      for (let i = 0; i < 5; i++) yield* requestEmailVerification(actor)
      assert.strictEqual(yield* failureOf(requestEmailVerification(actor)), "TooManyAttempts")
    }).pipe(provide)
  )

  it.effect("completing setup from the emailed link marks the email verified", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedAccount()
      const pending = yield* seedUser(tenant, { status: "pending", emailVerified: false })
      yield* issueSetupInvitation(tenant, pending, adminActor)
      yield* followSetupLink((yield* lastLink("setup")).link)
      const stored = yield* reload(pending)
      assert.strictEqual(stored.status, "active")
      assert.isTrue(stored.emailVerified)
    }).pipe(provide)
  )
})

describe("account recovery settings", () => {
  it.effect("password reset is on by default; settings:manage switches it; others are Forbidden", () =>
    Effect.gen(function* () {
      const { tenant, adminActor, user } = yield* seedAccount()
      assert.deepStrictEqual(yield* getAccountRecoverySettings(adminActor), { passwordReset: true })
      assert.deepStrictEqual(yield* updateAccountRecoverySettings(adminActor, { passwordReset: false }), {
        passwordReset: false
      })
      assert.deepStrictEqual(yield* getAccountRecoverySettings(adminActor), { passwordReset: false })
      const regular = userActor(tenant.id, user.id)
      assert.strictEqual(yield* failureOf(getAccountRecoverySettings(regular)), "Forbidden")
      assert.strictEqual(
        yield* failureOf(updateAccountRecoverySettings(regular, { passwordReset: true })),
        "Forbidden"
      )
      const event = (yield* auditOf(tenant)).find((e) => e.action === "tenant.account_recovery_updated")
      assert.deepStrictEqual(event?.details, {
        before: { passwordReset: true },
        after: { passwordReset: false }
      })
    }).pipe(provide)
  )
})
