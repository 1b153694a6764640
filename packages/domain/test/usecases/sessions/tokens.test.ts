import { assert, describe, it } from "@effect/vitest"
import { authenticateSession, login, SessionRepository, SessionSettings } from "@gatehouse/domain"
import { Duration, Effect, Option, Redacted } from "effect"
import * as TestClock from "effect/testing/TestClock"
import { credentials, provide, rejectionOf, seedAccount } from "../auth/support.ts"

describe("session tokens", () => {
  it.effect(
    "a token is <id>.<secret> with 256 bits of secret; only the SHA-256 of the secret is stored",
    () =>
      Effect.gen(function* () {
        const { tenant, user, password } = yield* seedAccount()
        const { token, session } = yield* login(credentials(tenant, user, password))
        const [id, secret] = Redacted.value(token).split(".")
        assert.strictEqual(id, session.id)
        assert.match(secret!, /^[A-Za-z0-9_-]{43}$/)
        const stored = Option.getOrThrow(yield* (yield* SessionRepository).findById(session.id))
        const digest = new Uint8Array(
          yield* Effect.promise(() => crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret!)))
        )
        assert.strictEqual(
          stored.secretHash,
          Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")
        )
        assert.notInclude(JSON.stringify(stored), secret!)
      }).pipe(provide)
  )

  it.effect("malformed, unknown and tampered tokens are refused", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const { token } = yield* login(credentials(tenant, user, password))
      const text = Redacted.value(token)
      const [id, secret] = text.split(".") as [string, string]
      const flipped = `${id}.${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`
      assert.deepStrictEqual(
        [
          yield* rejectionOf(""),
          yield* rejectionOf("garbage"),
          yield* rejectionOf(`${id}.`),
          yield* rejectionOf(`${id}.${secret}.x`),
          yield* rejectionOf(`${crypto.randomUUID()}.${secret}`),
          yield* rejectionOf(flipped)
        ],
        ["malformed", "malformed", "malformed", "malformed", "unknown", "unknown"]
      )
      // the real one still works
      yield* authenticateSession(text)
    }).pipe(provide)
  )
})

describe("session lifetimes", () => {
  it.effect("inactivity: 1 h without a request ends the session; each request extends it", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const { token } = yield* login(credentials(tenant, user, password))
      yield* TestClock.adjust("59 minutes")
      yield* authenticateSession(token)
      yield* TestClock.adjust("59 minutes")
      yield* authenticateSession(token)
      yield* TestClock.adjust("60 minutes")
      assert.strictEqual(yield* rejectionOf(token), "expired")
    }).pipe(provide)
  )

  it.effect("absolute: 12 h after login the session ends however active it was", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const { token } = yield* login(credentials(tenant, user, password))
      for (let i = 0; i < 23; i++) {
        yield* TestClock.adjust("30 minutes")
        yield* authenticateSession(token)
      }
      yield* TestClock.adjust("29 minutes")
      yield* authenticateSession(token)
      yield* TestClock.adjust("1 minute")
      assert.strictEqual(yield* rejectionOf(token), "expired")
    }).pipe(provide)
  )

  it.effect("lifetimes are configurable through SessionSettings", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const settings = {
        inactivity: Duration.minutes(5),
        absolute: Duration.minutes(20),
        touchInterval: Duration.seconds(0)
      }
      const withSettings = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
        Effect.provideService(effect, SessionSettings, settings)
      const { token, session } = yield* withSettings(login(credentials(tenant, user, password)))
      assert.strictEqual(session.expiresAt.getTime() - Date.parse("2026-03-02T09:00:00Z"), 20 * 60_000)
      yield* TestClock.adjust("4 minutes")
      yield* withSettings(authenticateSession(token))
      yield* TestClock.adjust("5 minutes")
      assert.strictEqual(yield* withSettings(rejectionOf(token)), "expired")
    }).pipe(provide)
  )
})
