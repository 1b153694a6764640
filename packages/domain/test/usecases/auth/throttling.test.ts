import { assert, describe, it } from "@effect/vitest"
import {
  type AccountFailures,
  afterGranted,
  defaultThrottlePolicy,
  type Email,
  FailedAttempts,
  type FailureCount,
  login,
  PasswordHasher,
  throttleVerdict
} from "@gatehouse/domain"
import { Clock, Effect, Ref } from "effect"
import * as TestClock from "effect/testing/TestClock"
import fc from "fast-check"
import { delayAfterFailures } from "../../../src/rules/throttle.ts"
import { unknownAccountKey } from "../../../src/usecases/auth/index.ts"
import { auditOf, credentials, failuresOf, lockAccount, provide, seedAccount } from "./support.ts"

const WRONG = "Wrong-password-1"

describe("throttle policy (rules/throttle)", () => {
  it("no wait for the first 5 failures, then 1 s doubling, capped at 15 min", () => {
    assert.deepStrictEqual(
      [0, 1, 4, 5, 6, 7, 8, 14, 15, 99].map((n) => delayAfterFailures(n)),
      [0, 0, 0, 1000, 2000, 4000, 8000, 512_000, 900_000, 900_000]
    )
  })

  const fresh = { failures: 0, lastFailureAt: null }
  const unlocked = { lockedUntil: null }

  it("the account locks at 100 consecutive failures for 1 hour, sparing known addresses; then it ends by itself", () => {
    const at = new Date(1e12)
    const before = { origin: fresh, account: { failures: 99, lastFailureAt: at, lockedUntil: null } }
    const after = afterGranted(before, at)
    assert.isTrue(after.lockStarted)
    assert.deepStrictEqual(after.account.lockedUntil, new Date(1e12 + 3_600_000))
    const later = (ms: number) => new Date(1e12 + ms)
    assert.deepStrictEqual(throttleVerdict({ ...after, known: false }, later(1000)), {
      _tag: "Locked",
      retryAfterMs: 3_599_000
    })
    assert.deepStrictEqual(throttleVerdict({ ...after, origin: fresh, known: true }, later(1000)), {
      _tag: "Allowed"
    })
    assert.deepStrictEqual(throttleVerdict({ ...after, origin: fresh, known: false }, later(3_600_000)), {
      _tag: "Allowed"
    })
    // a failure during the lock (from a known address) does not extend it; one after it locks again
    assert.isFalse(afterGranted(after, later(10)).lockStarted)
    assert.deepStrictEqual(afterGranted(after, later(10)).account.lockedUntil, after.account.lockedUntil)
    assert.isTrue(afterGranted(after, later(3_600_000)).lockStarted)
  })

  it("property: the wait never shrinks as failures grow, never exceeds the cap, and ends exactly when due", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000_000), (failures, elapsed) => {
        const delay = delayAfterFailures(failures)
        assert.isAtMost(delayAfterFailures(failures), delayAfterFailures(failures + 1))
        assert.isAtMost(delay, defaultThrottlePolicy.maxDelayMs)
        const verdict = throttleVerdict(
          { origin: { failures, lastFailureAt: new Date(0) }, account: unlocked, known: false },
          new Date(elapsed)
        )
        if (elapsed >= delay) assert.strictEqual(verdict._tag, "Allowed")
        else assert.deepStrictEqual(verdict, { _tag: "Wait", retryAfterMs: delay - elapsed })
      })
    )
  })

  it("property: whatever the failures and their times, every lock ends within 1 hour of the failure that set it", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(7_200_000), { maxLength: 300 }), fc.nat(200), (gaps, start) => {
        let state: { origin: FailureCount; account: AccountFailures } = {
          origin: fresh,
          account: { failures: start, lastFailureAt: null, lockedUntil: null }
        }
        let at = 0
        for (const gap of gaps) {
          at += gap
          const next = afterGranted(state, new Date(at))
          const until = next.account.lockedUntil
          if (until !== null) {
            assert.isAtMost(until.getTime() - at, defaultThrottlePolicy.lockMs)
            const over = throttleVerdict({ ...next, origin: fresh, known: false }, until)
            assert.notStrictEqual(over._tag, "Locked")
          }
          state = next
        }
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

  it.effect(
    "100 consecutive failures from many addresses lock the account for unknown addresses for 1 hour (audited), never for one it signed in from",
    () =>
      Effect.gen(function* () {
        const { tenant, user, password } = yield* seedAccount()
        const home = { clientAddress: "192.0.2.10" }
        const stranger = { clientAddress: "2001:db8:aa:bb:1::7" }
        yield* login(credentials(tenant, user, password), home)
        const attempts = yield* FailedAttempts
        const at = new Date(yield* Clock.currentTimeMillis)
        for (let i = 0; i < 99; i++) {
          const origin = `10.1.${Math.floor(i / 5)}.1`
          yield* attempts.reserve(
            { tenantId: tenant.id, account: user.id, origin },
            at,
            defaultThrottlePolicy
          )
        }
        // the 100th failure goes through login itself, from yet another address
        const hundredth = yield* Effect.flip(
          login(credentials(tenant, user, WRONG), { clientAddress: "198.51.100.1" })
        )
        assert.strictEqual(hundredth._tag, "InvalidCredentials")
        assert.strictEqual(yield* failuresOf(user), 100)
        const locks = (yield* auditOf(tenant)).filter((e) => e.action === "auth.locked")
        assert.strictEqual(locks.length, 1)
        assert.deepStrictEqual(locks[0]!.details, {
          failures: 100,
          until: new Date(at.getTime() + 3_600_000).toISOString()
        })
        yield* TestClock.adjust("59 minutes")
        // the right password from an unknown address (another address of the same /64 too) is refused unchecked
        const refused = yield* Effect.flip(login(credentials(tenant, user, password), stranger))
        assert.deepStrictEqual(
          [
            refused._tag,
            (refused as { locked?: boolean }).locked,
            (refused as { retryAfterSeconds?: number }).retryAfterSeconds
          ],
          ["TooManyAttempts", true, 60]
        )
        // from home the owner signs in during the lock, and that ends it
        const session = yield* login(credentials(tenant, user, password), home)
        assert.strictEqual(session.user.id, user.id)
        assert.strictEqual(yield* failuresOf(user), 0)
        const after = yield* login(credentials(tenant, user, password), stranger)
        assert.strictEqual(after.user.id, user.id)
      }).pipe(provide)
  )

  it.effect("the account lock ends by itself after 1 hour, without an admin", () =>
    Effect.gen(function* () {
      const { tenant, user, password } = yield* seedAccount()
      yield* lockAccount(user)
      const locked = yield* Effect.flip(login(credentials(tenant, user, password)))
      assert.strictEqual(locked._tag, "TooManyAttempts")
      if (locked._tag === "TooManyAttempts") {
        assert.isTrue(locked.locked)
        assert.strictEqual(locked.retryAfterSeconds, 3600)
      }
      yield* TestClock.adjust("1 hour")
      const session = yield* login(credentials(tenant, user, password))
      assert.strictEqual(session.user.id, user.id)
    }).pipe(provide)
  )

  it.effect(
    "strictly per address: another address is not slowed down by a stranger's guesses, an IPv6 /64 is one address",
    () =>
      Effect.gen(function* () {
        const { tenant, user, password } = yield* seedAccount()
        for (let i = 0; i < 5; i++) {
          const from = { clientAddress: `2001:db8:5:6:${i}::1` }
          yield* Effect.flip(login(credentials(tenant, user, WRONG), from))
        }
        const sameNetwork = yield* Effect.flip(
          login(credentials(tenant, user, password), { clientAddress: "2001:db8:5:6:ffff::9" })
        )
        assert.strictEqual(sameNetwork._tag, "TooManyAttempts")
        const elsewhere = yield* login(credentials(tenant, user, password), { clientAddress: "192.0.2.77" })
        assert.strictEqual(elsewhere.user.id, user.id)
      }).pipe(provide)
  )

  it.effect(
    "regression: parallel logins bypassed brute-force counting (Keycloak CVE-2024-4629; issue 12 item 2): 20 concurrent wrong passwords get exactly 5 hash checks, all counted",
    () =>
      Effect.gen(function* () {
        const { tenant, user } = yield* seedAccount()
        const base = yield* PasswordHasher
        const checks = yield* Ref.make(0)
        // each check yields many times, so every attempt gets to run its throttle step while others hash
        const slow = PasswordHasher.of({
          ...base,
          verify: (hash, password) =>
            Effect.gen(function* () {
              yield* Ref.update(checks, (n) => n + 1)
              for (let i = 0; i < 50; i++) yield* Effect.yieldNow
              return yield* base.verify(hash, password)
            })
        })
        const results = yield* Effect.all(
          Array.from({ length: 20 }, () => Effect.flip(login(credentials(tenant, user, WRONG)))),
          { concurrency: "unbounded" }
        ).pipe(Effect.provideService(PasswordHasher, slow))
        const tags = results.map((e) => e._tag)
        assert.strictEqual(yield* Ref.get(checks), 5)
        assert.strictEqual(tags.filter((t) => t === "InvalidCredentials").length, 5)
        assert.strictEqual(tags.filter((t) => t === "TooManyAttempts").length, 15)
        assert.strictEqual(yield* failuresOf(user), 5)
      }).pipe(provide)
  )

  it("property: for any interleaving of concurrent wrong passwords from any addresses, each address gets at most its 5 free hash checks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ origin: fc.nat(3), yields: fc.nat(20) }), { minLength: 1, maxLength: 30 }),
        async (attempts) => {
          const program = Effect.gen(function* () {
            const { tenant, user } = yield* seedAccount()
            const base = yield* PasswordHasher
            const checks = yield* Ref.make<ReadonlyArray<string>>([])
            const results = yield* Effect.all(
              attempts.map(({ origin, yields }) => {
                const address = `192.0.2.${origin}`
                const counting = PasswordHasher.of({
                  ...base,
                  verify: (hash, password) =>
                    Effect.gen(function* () {
                      yield* Ref.update(checks, (list) => [...list, address])
                      for (let i = 0; i < yields; i++) yield* Effect.yieldNow
                      return yield* base.verify(hash, password)
                    })
                })
                return Effect.flip(login(credentials(tenant, user, WRONG), { clientAddress: address })).pipe(
                  Effect.provideService(PasswordHasher, counting)
                )
              }),
              { concurrency: "unbounded" }
            )
            const checked = yield* Ref.get(checks)
            for (let origin = 0; origin < 4; origin++) {
              const sent = attempts.filter((a) => a.origin === origin).length
              const address = `192.0.2.${origin}`
              assert.strictEqual(checked.filter((a) => a === address).length, Math.min(sent, 5))
            }
            assert.strictEqual(results.filter((e) => e._tag === "InvalidCredentials").length, checked.length)
            assert.strictEqual(yield* failuresOf(user), checked.length)
          })
          await Effect.runPromise(program.pipe(provide, Effect.provide(TestClock.layer())))
        }
      ),
      { numRuns: 40 }
    )
  })

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
