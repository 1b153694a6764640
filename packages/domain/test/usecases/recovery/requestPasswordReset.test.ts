import { createHash } from "node:crypto"
import { assert, describe, it } from "@effect/vitest"
import {
  type Email,
  InvitationRepository,
  issueSetupInvitation,
  Mailer,
  OneTimeTokenRepository,
  requestPasswordReset,
  startSetup,
  updateAccountRecoverySettings
} from "@gatehouse/domain"
import { layerMemory, seedUser, TEST_PUBLIC_URL } from "@gatehouse/testkit"
import { Effect, Layer, Option, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { parseOneTimeToken } from "../../../src/usecases/recovery/index.ts"
import { auditOf, START, seedAccount } from "../auth/support.ts"
import { lastLink, outbox, provide } from "./support.ts"

const ask = (tenant: { readonly slug: string }, email: string, clientAddress?: string) =>
  requestPasswordReset({ tenant: tenant.slug, email }, clientAddress === undefined ? {} : { clientAddress })

describe("requestPasswordReset", () => {
  it.effect(
    "an active account gets a reset link of 30 minutes; only the SHA-256 of its secret is stored",
    () =>
      Effect.gen(function* () {
        const { tenant, user } = yield* seedAccount()
        yield* ask(tenant, `  ${user.email.toUpperCase()} `)
        const { mail, link, token } = yield* lastLink("password-reset")
        assert.strictEqual(mail.to, user.email)
        assert.isTrue(link.startsWith(`${TEST_PUBLIC_URL}/password-reset#token=`))
        const parsed = Option.getOrThrow(parseOneTimeToken(Redacted.value(token)))
        const stored = Option.getOrThrow(yield* (yield* OneTimeTokenRepository).findById(parsed.id))
        assert.strictEqual(stored.purpose, "password_reset")
        assert.strictEqual(stored.userId, user.id)
        assert.strictEqual(stored.secretHash, createHash("sha256").update(parsed.secret).digest("hex"))
        assert.strictEqual(stored.expiresAt.getTime(), START + 30 * 60_000)
        assert.notInclude(JSON.stringify(stored), parsed.secret)
        const events = (yield* auditOf(tenant)).filter((e) => e.action === "user.password_reset_requested")
        assert.deepStrictEqual(
          events.map((e) => [e.targetId, e.details]),
          [[user.id, { email: user.email, outcome: "reset_link" }]]
        )
        assert.notInclude(JSON.stringify(yield* auditOf(tenant)), parsed.secret)
      }).pipe(provide)
  )

  it.effect(
    "unknown, disabled and deactivated accounts and unknown tenants get the same answer and no email",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedAccount()
        const disabled = yield* seedUser(tenant, { status: "disabled" })
        const deactivated = yield* seedUser(tenant, { status: "deactivated" })
        for (const email of ["nobody@example.com", disabled.email, deactivated.email, "not an email"])
          assert.isUndefined(yield* ask(tenant, email))
        assert.isUndefined(yield* requestPasswordReset({ tenant: "no-such-tenant", email: "a@b.example" }))
        assert.lengthOf(yield* outbox, 0)
        const outcomes = (yield* auditOf(tenant))
          .filter((e) => e.action === "user.password_reset_requested")
          .map((e) => e.details.outcome)
        assert.deepStrictEqual(outcomes, [
          "unknown_account",
          "account_disabled",
          "account_deactivated",
          "unknown_account"
        ])
      }).pipe(provide)
  )

  it.effect("a pending account gets its setup link again; the previous setup link stops working", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedAccount()
      const pending = yield* seedUser(tenant, { status: "pending" })
      const first = yield* issueSetupInvitation(tenant, pending, adminActor)
      yield* TestClock.adjust("1 minute")
      yield* ask(tenant, pending.email)
      const { mail, token } = yield* lastLink("setup")
      assert.strictEqual(mail.to, pending.email)
      const started = yield* startSetup({ token })
      assert.strictEqual(started.email, pending.email)
      const firstToken = Redacted.make(
        decodeURIComponent(Redacted.value(first.setupUrl).split("#token=")[1]!)
      )
      assert.strictEqual((yield* Effect.flip(startSetup({ token: firstToken })))._tag, "TokenInvalid")
      const states = (yield* (yield* InvitationRepository).listByUser(tenant.id, pending.id)).map(
        (i) => i.state
      )
      assert.deepStrictEqual(states, ["pending", "revoked"])
    }).pipe(provide)
  )

  it.effect("a new request revokes the previous link", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* seedAccount()
      yield* ask(tenant, user.email)
      const first = yield* lastLink("password-reset")
      yield* TestClock.adjust("1 minute")
      yield* ask(tenant, user.email)
      const second = yield* lastLink("password-reset")
      assert.notStrictEqual(Redacted.value(first.token), Redacted.value(second.token))
      const tokens = yield* OneTimeTokenRepository
      const firstId = Option.getOrThrow(parseOneTimeToken(Redacted.value(first.token))).id
      assert.isTrue(Option.isNone(yield* tokens.findById(firstId)))
    }).pipe(provide)
  )

  it.effect("with resets switched off: the same answer, nothing sent", () =>
    Effect.gen(function* () {
      const { tenant, user, adminActor } = yield* seedAccount()
      yield* updateAccountRecoverySettings(adminActor, { passwordReset: false })
      assert.isUndefined(yield* ask(tenant, user.email))
      assert.lengthOf(yield* outbox, 0)
      const last = (yield* auditOf(tenant)).filter((e) => e.action === "user.password_reset_requested").at(-1)
      assert.strictEqual(last?.details.outcome, "reset_disabled")
    }).pipe(provide)
  )

  it.effect(
    "throttled per email address (known or not alike) and per client address, in hourly windows",
    () =>
      Effect.gen(function* () {
        const { tenant, user } = yield* seedAccount()
        for (const email of [user.email, "ghost@example.com"]) {
          for (let i = 0; i < 3; i++) yield* ask(tenant, email)
          const refused = yield* Effect.flip(ask(tenant, email))
          assert.strictEqual(refused._tag, "TooManyAttempts", email)
          const wait = refused._tag === "TooManyAttempts" ? refused.retryAfterSeconds : -1
          assert.isAbove(wait, 0)
          assert.isAtMost(wait, 3600)
        }
        assert.lengthOf(yield* outbox, 3, "no email for the refused request")
        yield* TestClock.adjust("1 hour")
        yield* ask(tenant, user.email)
        assert.lengthOf(yield* outbox, 4, "a new window allows requests again")

        // 20 requests an hour from one client address, whichever emails they name
        for (let i = 0; i < 20; i++) yield* ask(tenant, `someone${i}@example.com`, "203.0.113.9")
        const byAddress = yield* Effect.flip(ask(tenant, "someone-else@example.com", "203.0.113.9"))
        assert.strictEqual(byAddress._tag, "TooManyAttempts")
        yield* ask(tenant, "someone-else@example.com", "198.51.100.7")
      }).pipe(provide)
  )

  it.effect("20 concurrent requests for one email reserve exactly 3 places", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedAccount()
      const results = yield* Effect.all(
        Array.from({ length: 20 }, () => Effect.result(ask(tenant, "ghost@example.com" as Email))),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(results.filter((r) => r._tag === "Success").length, 3)
    }).pipe(provide)
  )
})

describe("requestPasswordReset delivery", () => {
  // The default dispatch: the email is sent in the background, so the answer never waits for the mail system.
  const neverDelivers = Layer.succeed(Mailer, Mailer.of({ send: () => Effect.never }))
  it.effect("answers without waiting for the mail system (a send that never ends)", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* seedAccount()
      assert.isUndefined(yield* ask(tenant, user.email))
      const requested = (yield* auditOf(tenant)).filter((e) => e.action === "user.password_reset_requested")
      assert.strictEqual(requested[0]?.details.outcome, "reset_link")
    }).pipe(Effect.provide(Layer.merge(Layer.fresh(layerMemory), neverDelivers)))
  )
})
