import { assert, describe, it } from "@effect/vitest"
import {
  completeSetup,
  FailedAttempts,
  issueSetupInvitation,
  regenerateSetupLink,
  startSetup,
  UserRepository
} from "@gatehouse/domain"
import { layerMemory, seedUser } from "@gatehouse/testkit"
import { Effect, Layer, Option, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { lockAccount } from "../auth/support.ts"
import { goodPassword, invitedUser, tokenOf, withWrongSecret } from "./fixtures.ts"

const provide = Effect.provide(Layer.fresh(layerMemory))

describe("setup token rules", () => {
  it.effect("invite accepted by an account registered at another address (Better Auth PR #9577, #5183)", () =>
    Effect.gen(function* () {
      const { tenant, adminActor, user: alice, link: aliceLink } = yield* invitedUser()
      const bob = yield* seedUser(tenant, { status: "pending" })
      const bobLink = yield* issueSetupInvitation(tenant, bob, adminActor)

      // Alice's invitation id with Bob's secret (and the reverse) is nobody's token
      const [aliceId, aliceSecret] = Redacted.value(tokenOf(aliceLink)).split(".") as [string, string]
      const [bobId, bobSecret] = Redacted.value(tokenOf(bobLink)).split(".") as [string, string]
      for (const mixed of [`${aliceId}.${bobSecret}`, `${bobId}.${aliceSecret}`]) {
        const error = yield* Effect.flip(startSetup({ token: Redacted.make(mixed) }))
        assert.strictEqual(error._tag, "TokenInvalid")
      }

      // Alice's token speaks for Alice only, whatever else a client sends along
      const started = yield* startSetup({ token: tokenOf(aliceLink) })
      assert.strictEqual(started.email, alice.email)
      const done = yield* completeSetup({
        token: tokenOf(aliceLink),
        displayName: "Alice",
        password: goodPassword,
        ...({ email: bob.email, userId: bob.id } as object)
      })
      assert.strictEqual(done.userId, alice.id)
      assert.strictEqual(done.email, alice.email)
      const users = yield* UserRepository
      const storedBob = Option.getOrThrow(yield* users.findById(tenant.id, bob.id))
      assert.strictEqual(storedBob.status, "pending")
      assert.isNull(storedBob.passwordHash)

      // a second use is refused, and Bob's own token still works for Bob
      const again = yield* Effect.flip(
        completeSetup({ token: tokenOf(aliceLink), displayName: "Mallory", password: goodPassword })
      )
      assert.strictEqual(again._tag, "TokenUsed")
      const bobDone = yield* completeSetup({
        token: tokenOf(bobLink),
        displayName: "Bob",
        password: goodPassword
      })
      assert.strictEqual(bobDone.userId, bob.id)
    }).pipe(provide)
  )

  it.effect("reusable one-time token (ZITADEL CVE-2025-46815)", () =>
    Effect.gen(function* () {
      const { tenant, user, link } = yield* invitedUser()
      yield* completeSetup({ token: tokenOf(link), displayName: "First", password: goodPassword })
      const secondComplete = yield* Effect.flip(
        completeSetup({
          token: tokenOf(link),
          displayName: "Second",
          password: Redacted.make("Another-Pass-77x")
        })
      )
      assert.strictEqual(secondComplete._tag, "TokenUsed")
      const secondStart = yield* Effect.flip(startSetup({ token: tokenOf(link) }))
      assert.strictEqual(secondStart._tag, "TokenUsed")
      const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
      assert.strictEqual(stored.displayName, "First")
    }).pipe(provide)
  )

  it.effect("a regenerated link replaces the previous one, which never works again", () =>
    Effect.gen(function* () {
      const { user, adminActor, link: first } = yield* invitedUser()
      const second = yield* regenerateSetupLink(adminActor, user.id)
      assert.notStrictEqual(Redacted.value(second.setupUrl), Redacted.value(first.setupUrl))
      const old = yield* Effect.flip(startSetup({ token: tokenOf(first) }))
      assert.strictEqual(old._tag, "TokenInvalid")
      const oldComplete = yield* Effect.flip(
        completeSetup({ token: tokenOf(first), displayName: "Old", password: goodPassword })
      )
      assert.strictEqual(oldComplete._tag, "TokenInvalid")
      const done = yield* completeSetup({
        token: tokenOf(second),
        displayName: "New",
        password: goodPassword
      })
      assert.strictEqual(done.userId, user.id)
    }).pipe(provide)
  )

  it.effect("an expired link never works; one just before expiry does", () =>
    Effect.gen(function* () {
      const { link } = yield* invitedUser()
      yield* TestClock.adjust("71 hours")
      yield* startSetup({ token: tokenOf(link) })
      yield* TestClock.adjust("1 hour")
      const expiredStart = yield* Effect.flip(startSetup({ token: tokenOf(link) }))
      assert.strictEqual(expiredStart._tag, "TokenExpired")
      const expiredComplete = yield* Effect.flip(
        completeSetup({ token: tokenOf(link), displayName: "Late", password: goodPassword })
      )
      assert.strictEqual(expiredComplete._tag, "TokenExpired")
    }).pipe(provide)
  )

  it.effect("malformed and unknown tokens are TokenInvalid", () =>
    Effect.gen(function* () {
      const { link } = yield* invitedUser()
      const real = Redacted.value(tokenOf(link))
      const [id, secret] = real.split(".") as [string, string]
      const candidates = [
        "",
        "x",
        id,
        `${id}.`,
        `.${secret}`,
        `${id}.${secret}x`,
        `${id}.${secret.slice(1)}`,
        `${id}.${secret.slice(0, -1)}=`,
        `${globalThis.crypto.randomUUID()}.${secret}`,
        `${id.toUpperCase()}x.${secret}`,
        ` ${real}`
      ]
      for (const candidate of candidates) {
        const error = yield* Effect.flip(startSetup({ token: Redacted.make(candidate) }))
        assert.strictEqual(error._tag, "TokenInvalid", candidate)
      }
    }).pipe(provide)
  )

  it.effect(
    "a login path skipped the lockout check (Keycloak CVE-2026-9798): setup-token guesses are throttled",
    () =>
      Effect.gen(function* () {
        const { tenant, user, link } = yield* invitedUser()
        const wrong = withWrongSecret(tokenOf(link))
        const attempts = yield* FailedAttempts
        for (let i = 1; i <= 5; i++) {
          const error = yield* Effect.flip(startSetup({ token: wrong }))
          assert.strictEqual(error._tag, "TokenInvalid")
          assert.strictEqual((yield* attempts.get(tenant.id, user.id)).failures, i)
        }
        // beyond the free failures a growing delay starts: even the right token waits, and nothing is checked
        // nor counted while it does
        for (const token of [tokenOf(link), wrong]) {
          const refused = yield* Effect.flip(startSetup({ token }))
          assert.strictEqual(refused._tag, "TooManyAttempts")
        }
        assert.strictEqual((yield* attempts.get(tenant.id, user.id)).failures, 5)
        const throttled = yield* Effect.flip(startSetup({ token: tokenOf(link) }))
        assert.strictEqual(throttled._tag, "TooManyAttempts")
        if (throttled._tag === "TooManyAttempts") {
          assert.isFalse(throttled.locked)
          yield* TestClock.adjust(`${throttled.retryAfterSeconds} seconds`)
        }
        // after the wait the right token works, and completion resets the counter
        yield* completeSetup({ token: tokenOf(link), displayName: "Ada", password: goodPassword })
        assert.strictEqual((yield* attempts.get(tenant.id, user.id)).failures, 0)
      }).pipe(provide)
  )

  it.effect(
    "100 consecutive failures lock the setup token, even the right one, for an hour; then it works",
    () =>
      Effect.gen(function* () {
        const { user, link } = yield* invitedUser()
        yield* lockAccount(user)
        yield* TestClock.adjust("59 minutes")
        const error = yield* Effect.flip(
          completeSetup({ token: tokenOf(link), displayName: "Ada", password: goodPassword })
        )
        assert.strictEqual(error._tag, "TooManyAttempts")
        if (error._tag === "TooManyAttempts") assert.isTrue(error.locked)
        yield* TestClock.adjust("1 minute")
        const completed = yield* completeSetup({
          token: tokenOf(link),
          displayName: "Ada",
          password: goodPassword
        })
        assert.strictEqual(completed.userId, user.id)
      }).pipe(provide)
  )

  it.effect(
    "parallel guesses bypassed brute-force counting (Keycloak CVE-2024-4629): 20 at once get exactly the 5 free checks, each counted",
    () =>
      Effect.gen(function* () {
        const { tenant, user, link } = yield* invitedUser()
        const wrong = withWrongSecret(tokenOf(link))
        const results = yield* Effect.all(
          Array.from({ length: 20 }, () => Effect.flip(startSetup({ token: wrong }))),
          { concurrency: "unbounded" }
        )
        const checked = results.filter((e) => e._tag === "TokenInvalid").length
        const refused = results.filter((e) => e._tag === "TooManyAttempts").length
        assert.strictEqual(checked + refused, 20)
        assert.strictEqual(checked, 5)
        assert.strictEqual((yield* (yield* FailedAttempts).get(tenant.id, user.id)).failures, checked)
      }).pipe(provide)
  )
})
