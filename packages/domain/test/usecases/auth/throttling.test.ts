import { assert, describe, it } from "@effect/vitest"
import {
  defaultThrottlePolicy,
  delayAfterFailures,
  type Email,
  FailedAttempts,
  isLocked,
  login,
  PasswordHasher,
  throttleVerdict,
  unknownAccountKey
} from "@gatehouse/domain"
import { Deferred, Effect, Ref } from "effect"
import * as TestClock from "effect/testing/TestClock"
import fc from "fast-check"
import { credentials, failuresOf, provide, seedAccount } from "./support.ts"

const WRONG = "Wrong-password-1"

describe("throttle policy (rules/throttle)", () => {
  it("no wait for the first 5 failures, then 1 s doubling, capped at 15 min", () => {
    assert.deepStrictEqual(
      [0, 1, 4, 5, 6, 7, 8, 14, 15, 99].map((n) => delayAfterFailures(n)),
      [0, 0, 0, 1000, 2000, 4000, 8000, 512_000, 900_000, 900_000]
    )
  })

  it("locked from 100 consecutive failures on", () => {
    assert.isFalse(isLocked(99))
    assert.isTrue(isLocked(100))
    assert.deepStrictEqual(throttleVerdict({ failures: 100, lastFailureAt: new Date(0) }, new Date(1e15)), {
      _tag: "Locked"
    })
  })

  it("property: the wait never shrinks as failures grow, never exceeds the cap, and ends exactly when due", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000_000), (failures, elapsed) => {
        const delay = delayAfterFailures(failures)
        assert.isAtMost(delayAfterFailures(failures), delayAfterFailures(failures + 1))
        assert.isAtMost(delay, defaultThrottlePolicy.maxDelayMs)
        const verdict = throttleVerdict({ failures, lastFailureAt: new Date(0) }, new Date(elapsed))
        if (isLocked(failures)) assert.strictEqual(verdict._tag, "Locked")
        else if (elapsed >= delay) assert.strictEqual(verdict._tag, "Allowed")
        else assert.deepStrictEqual(verdict, { _tag: "Wait", retryAfterMs: delay - elapsed })
      })
    )
  })
})

describe("login throttling", () => {
  it.effect(
    "the wait grows with consecutive failures; a refused attempt checks nothing and counts nothing",
    () =>
      Effect.gen(function* () {
        const { tenant, user, password } = yield* seedAccount()
        for (let i = 0; i < 5; i++) {
          assert.strictEqual(
            (yield* Effect.flip(login(credentials(tenant, user, WRONG))))._tag,
            "InvalidCredentials"
          )
        }
        const waits: Array<number> = []
        for (let failures = 5; failures < 9; failures++) {
          const refused = yield* Effect.flip(login(credentials(tenant, user, password)))
          assert.strictEqual(refused._tag, "TooManyAttempts")
          if (refused._tag !== "TooManyAttempts") return
          waits.push(refused.retryAfterSeconds)
          assert.strictEqual(yield* failuresOf(user), failures, "a refused attempt is not counted")
          yield* TestClock.adjust(refused.retryAfterSeconds * 1000 - 1)
          assert.strictEqual(
            (yield* Effect.flip(login(credentials(tenant, user, WRONG))))._tag,
            "TooManyAttempts"
          )
          yield* TestClock.adjust(1)
          assert.strictEqual(
            (yield* Effect.flip(login(credentials(tenant, user, WRONG))))._tag,
            "InvalidCredentials"
          )
        }
        assert.deepStrictEqual(waits, [1, 2, 4, 8])
        // once the wait is over the right password works and clears the count
        yield* TestClock.adjust("16 seconds")
        yield* login(credentials(tenant, user, password))
        assert.strictEqual(yield* failuresOf(user), 0)
      }).pipe(provide)
  )

  it.effect("locked after 100 consecutive failures: even the right password, even a month later", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      const attempts = yield* FailedAttempts
      for (let i = 0; i < 99; i++) yield* attempts.recordFailure(tenant.id, user.id, new Date(0))
      // the 100th failure goes through login itself
      assert.strictEqual(
        (yield* Effect.flip(login(credentials(tenant, user, WRONG))))._tag,
        "InvalidCredentials"
      )
      assert.strictEqual(yield* failuresOf(user), 100)
      yield* TestClock.adjust("30 days")
      const error = yield* Effect.flip(login(credentials(tenant, user, password)))
      assert.strictEqual(error._tag, "TooManyAttempts")
      if (error._tag === "TooManyAttempts") assert.isTrue(error.locked)
      assert.strictEqual(yield* failuresOf(user), 100)
    }).pipe(provide)
  )

  it.effect(
    "regression: parallel logins bypassed brute-force counting (Keycloak CVE-2024-4629): 20 concurrent wrong passwords leave the counter at exactly 20",
    () =>
      Effect.gen(function* () {
        const { tenant, user } = yield* seedAccount()
        const base = yield* PasswordHasher
        // every attempt reads the counter before any of them writes it: the interleaving of the CVE
        const arrived = yield* Ref.make(0)
        const allArrived = yield* Deferred.make<void>()
        const barrier = PasswordHasher.of({
          ...base,
          verify: (hash, password) =>
            Effect.gen(function* () {
              if ((yield* Ref.updateAndGet(arrived, (n) => n + 1)) === 20)
                yield* Deferred.succeed(allArrived, undefined)
              yield* Deferred.await(allArrived)
              return yield* base.verify(hash, password)
            })
        })
        const results = yield* Effect.all(
          Array.from({ length: 20 }, () => Effect.flip(login(credentials(tenant, user, WRONG)))),
          { concurrency: "unbounded" }
        ).pipe(Effect.provideService(PasswordHasher, barrier))
        assert.deepStrictEqual(new Set(results.map((e) => e._tag)), new Set(["InvalidCredentials"]))
        assert.strictEqual(yield* failuresOf(user), 20)
        // and the next attempt is throttled
        assert.strictEqual(
          (yield* Effect.flip(login(credentials(tenant, user, WRONG))))._tag,
          "TooManyAttempts"
        )
      }).pipe(provide)
  )

  it.effect("the failure count of a failed login is committed although the login fails", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* seedAccount()
      yield* Effect.flip(login(credentials(tenant, user, WRONG)))
      yield* Effect.flip(login(credentials(tenant, user, WRONG)))
      assert.strictEqual(yield* failuresOf(user), 2)
    }).pipe(provide)
  )

  it.effect(
    "unknown emails are throttled exactly like accounts, so the throttle does not reveal existence",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedAccount()
        const ghost = { email: "ghost@example.com" as Email }
        for (let i = 0; i < 5; i++) {
          assert.strictEqual(
            (yield* Effect.flip(login(credentials(tenant, ghost, WRONG))))._tag,
            "InvalidCredentials"
          )
        }
        const refused = yield* Effect.flip(login(credentials(tenant, ghost, WRONG)))
        assert.deepStrictEqual(
          [refused._tag, (refused as { retryAfterSeconds?: number }).retryAfterSeconds],
          ["TooManyAttempts", 1]
        )
        const key = yield* unknownAccountKey(tenant.id, "ghost@example.com")
        assert.strictEqual(yield* failuresOf({ tenantId: tenant.id, id: key }), 5)
        // the key is stable and per email
        assert.strictEqual(key, yield* unknownAccountKey(tenant.id, "ghost@example.com"))
        assert.notStrictEqual(key, yield* unknownAccountKey(tenant.id, "other@example.com"))
      }).pipe(provide)
  )

  it.effect("counters are per account and per tenant: another account is not slowed down", () =>
    Effect.gen(function* () {
      const { tenant, user, admin, password } = yield* seedAccount()
      for (let i = 0; i < 6; i++) yield* Effect.flip(login(credentials(tenant, user, WRONG)))
      assert.strictEqual(
        (yield* Effect.flip(login(credentials(tenant, user, password))))._tag,
        "TooManyAttempts"
      )
      const result = yield* login(credentials(tenant, admin, password))
      assert.strictEqual(result.user.id, admin.id)
    }).pipe(provide)
  )
})
