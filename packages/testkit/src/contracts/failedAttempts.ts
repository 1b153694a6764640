import { assert } from "@effect/vitest"
import {
  type AttemptKey,
  defaultThrottlePolicy,
  FailedAttempts,
  type GrantedAttempt,
  type Reservation,
  type ThrottlePolicy,
  type User
} from "@gatehouse/domain"
import { Effect, type Layer } from "effect"
import {
  type AuthContractIt,
  type AuthRepositories,
  minute,
  registerAuthContract,
  tenantWithUsers
} from "./authSupport.ts"
import { race } from "./support.ts"

const none = { failures: 0, lastFailureAt: null }
const noAccount = { failures: 0, lastFailureAt: null, lockedUntil: null }
const policy = defaultThrottlePolicy
const at = (seconds: number): Date => new Date(minute(0).getTime() + seconds * 1000)
const from = (key: Omit<AttemptKey, "origin">, origin: string): AttemptKey => ({ ...key, origin })

const grantedOf = (reservation: Reservation): GrantedAttempt => {
  if (reservation._tag !== "Granted") throw new Error(`expected a granted attempt, got ${reservation._tag}`)
  return reservation
}

/** A fresh account of a fresh tenant, as an attempt key without its origin. */
const anAccount = Effect.map(tenantWithUsers(1), ({ tenant, users }) => ({
  tenantId: tenant.id,
  account: users[0]!.id
}))

/**
 * The FailedAttempts guarantees: `reserve` decides and counts in one atomic step (of N concurrent attempts from
 * one address exactly the free ones are granted), the account lock ends by itself and spares known addresses,
 * `release` puts the counts back, `reset` clears every address and the lock, `recordFailure` is one atomic
 * increment (N concurrent count N), isolation by tenant.
 */
export const failedAttemptsTests = (it: AuthContractIt): void => {
  it.effect("reserve: 5 free attempts from an address, then waits of 1 s, 2 s ... from the last one", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const key = from(yield* anAccount, "192.0.2.1")
      for (let i = 1; i <= 5; i++) {
        const granted = grantedOf(yield* attempts.reserve(key, at(0), policy))
        assert.deepStrictEqual([granted.origin.failures, granted.account.failures], [i, i])
        assert.deepStrictEqual(granted.prior.origin.failures, i - 1)
        assert.isFalse(granted.lockStarted)
      }
      assert.deepStrictEqual(yield* attempts.reserve(key, at(0.5), policy), {
        _tag: "Refused",
        retryAfterMs: 500,
        locked: false
      })
      // the refusal counted nothing
      assert.deepStrictEqual(yield* attempts.getOrigin(key), { failures: 5, lastFailureAt: at(0) })
      grantedOf(yield* attempts.reserve(key, at(1), policy))
      assert.deepStrictEqual(yield* attempts.reserve(key, at(2.5), policy), {
        _tag: "Refused",
        retryAfterMs: 500,
        locked: false
      })
      grantedOf(yield* attempts.reserve(key, at(3), policy))
      assert.deepStrictEqual(yield* attempts.get(key.tenantId, key.account), {
        failures: 7,
        lastFailureAt: at(3),
        lockedUntil: null
      })
    })
  )

  it.effect("25 concurrent reservations from one address on a fresh account: exactly 5 granted", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const key = from(yield* anAccount, "2001:db8:1:2::/64")
      const { successes } = yield* race(25, () => attempts.reserve(key, at(0), policy))
      const granted = successes.filter((r) => r._tag === "Granted") as ReadonlyArray<GrantedAttempt>
      assert.strictEqual(granted.length, 5)
      assert.deepStrictEqual(
        granted.map((g) => g.origin.failures).sort((a, b) => a - b),
        [1, 2, 3, 4, 5]
      )
      assert.strictEqual(successes.filter((r) => r._tag === "Refused").length, 20)
      assert.strictEqual((yield* attempts.get(key.tenantId, key.account)).failures, 5)
    })
  )

  it.effect("each address has its own free attempts; the account counts them all", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const account = yield* anAccount
      for (let i = 0; i < 5; i++)
        grantedOf(yield* attempts.reserve(from(account, "198.51.100.7"), at(0), policy))
      assert.strictEqual(
        (yield* attempts.reserve(from(account, "198.51.100.7"), at(0), policy))._tag,
        "Refused"
      )
      const other = grantedOf(yield* attempts.reserve(from(account, "203.0.113.9"), at(0), policy))
      assert.deepStrictEqual([other.origin.failures, other.account.failures], [1, 6])
    })
  )

  it.effect(
    "the account lock: at lockAfter failures it starts once, refuses unknown addresses only, and ends by itself",
    () =>
      Effect.gen(function* () {
        const attempts = yield* FailedAttempts
        const account = yield* anAccount
        const strict: ThrottlePolicy = { ...policy, freeFailures: 100, lockAfter: 3, lockMs: 3_600_000 }
        yield* attempts.rememberOrigin(from(account, "192.0.2.50"), at(0), strict.knownOrigins)
        const started: Array<boolean> = []
        for (const origin of ["192.0.2.1", "192.0.2.2", "192.0.2.3"]) {
          started.push(grantedOf(yield* attempts.reserve(from(account, origin), at(10), strict)).lockStarted)
        }
        assert.deepStrictEqual(started, [false, false, true])
        assert.deepStrictEqual(yield* attempts.get(account.tenantId, account.account), {
          failures: 3,
          lastFailureAt: at(10),
          lockedUntil: at(3610)
        })
        assert.deepStrictEqual(yield* attempts.reserve(from(account, "192.0.2.4"), at(20), strict), {
          _tag: "Refused",
          retryAfterMs: 3_590_000,
          locked: true
        })
        // the address the account signed in from is spared, and its failure does not extend the lock
        const known = grantedOf(yield* attempts.reserve(from(account, "192.0.2.50"), at(30), strict))
        assert.isFalse(known.lockStarted)
        assert.deepStrictEqual(known.account.lockedUntil, at(3610))
        // an hour later the lock is over: the next attempt is granted (and, still past lockAfter, locks again)
        const after = grantedOf(yield* attempts.reserve(from(account, "192.0.2.4"), at(3610), strict))
        assert.isTrue(after.lockStarted)
        assert.deepStrictEqual(after.account.lockedUntil, at(7210))
      })
  )

  it.effect("release puts the counts back: a fresh account is fresh again; else one less", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const key = from(yield* anAccount, "192.0.2.1")
      yield* attempts.release(grantedOf(yield* attempts.reserve(key, at(0), policy)))
      assert.deepStrictEqual(yield* attempts.get(key.tenantId, key.account), noAccount)
      assert.deepStrictEqual(yield* attempts.getOrigin(key), none)
      grantedOf(yield* attempts.reserve(key, at(1), policy))
      const second = grantedOf(yield* attempts.reserve(key, at(2), policy))
      yield* attempts.release(second)
      assert.deepStrictEqual(yield* attempts.getOrigin(key), { failures: 1, lastFailureAt: at(1) })
      assert.deepStrictEqual(yield* attempts.get(key.tenantId, key.account), {
        failures: 1,
        lastFailureAt: at(1),
        lockedUntil: null
      })
    })
  )

  it.effect("reset clears every address of the account and ends its lock", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const account = yield* anAccount
      const strict: ThrottlePolicy = { ...policy, lockAfter: 2 }
      grantedOf(yield* attempts.reserve(from(account, "192.0.2.1"), at(0), strict))
      grantedOf(yield* attempts.reserve(from(account, "192.0.2.2"), at(0), strict))
      assert.strictEqual((yield* attempts.reserve(from(account, "192.0.2.3"), at(1), strict))._tag, "Refused")
      yield* attempts.reset(account.tenantId, account.account)
      assert.deepStrictEqual(yield* attempts.get(account.tenantId, account.account), noAccount)
      assert.deepStrictEqual(yield* attempts.getOrigin(from(account, "192.0.2.1")), none)
      const again = grantedOf(yield* attempts.reserve(from(account, "192.0.2.3"), at(1), strict))
      assert.deepStrictEqual([again.origin.failures, again.account.failures], [1, 1])
      // resetting an account that never failed is no error
      yield* attempts.reset(account.tenantId, (yield* anAccount).account)
    })
  )

  it.effect("rememberOrigin keeps the most recent addresses only", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const account = yield* anAccount
      const strict: ThrottlePolicy = { ...policy, lockAfter: 1, knownOrigins: 2 }
      for (const [i, origin] of ["192.0.2.1", "192.0.2.2", "192.0.2.3"].entries()) {
        yield* attempts.rememberOrigin(from(account, origin), at(i), strict.knownOrigins)
      }
      grantedOf(yield* attempts.reserve(from(account, "198.51.100.1"), at(10), strict))
      const outcomes = yield* Effect.forEach(["192.0.2.1", "192.0.2.2", "192.0.2.3"], (origin) =>
        attempts.reserve(from(account, origin), at(11), strict).pipe(Effect.map((r) => r._tag))
      )
      assert.deepStrictEqual(outcomes, ["Refused", "Granted", "Granted"])
    })
  )

  it.effect("recordFailure: 20 concurrent increments count 20, each caller sees a different count", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const { tenantId, account } = yield* anAccount
      const { successes, failures } = yield* race(20, (i) =>
        attempts.recordFailure(tenantId, account, minute(i))
      )
      assert.strictEqual(failures.length, 0)
      assert.deepStrictEqual(
        successes.map((state) => state.failures).sort((a, b) => a - b),
        Array.from({ length: 20 }, (_, i) => i + 1)
      )
      assert.strictEqual((yield* attempts.get(tenantId, account)).failures, 20)
    })
  )

  it.effect("each user of each tenant has their own counts", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const mine = yield* tenantWithUsers(2)
      const theirs = yield* tenantWithUsers(1)
      const [user, colleague] = mine.users as [User, User]
      const stranger = theirs.users[0]!
      const keyOf = (u: User): AttemptKey => ({ tenantId: u.tenantId, account: u.id, origin: "192.0.2.1" })
      for (let i = 0; i < 3; i++) grantedOf(yield* attempts.reserve(keyOf(user), at(i), policy))
      grantedOf(yield* attempts.reserve(keyOf(colleague), at(5), policy))
      for (let i = 0; i < 2; i++) grantedOf(yield* attempts.reserve(keyOf(stranger), at(i), policy))
      yield* attempts.reset(mine.tenant.id, colleague.id)
      assert.strictEqual((yield* attempts.get(mine.tenant.id, user.id)).failures, 3)
      assert.strictEqual((yield* attempts.get(mine.tenant.id, colleague.id)).failures, 0)
      assert.strictEqual((yield* attempts.get(theirs.tenant.id, stranger.id)).failures, 2)
    })
  )

  it.effect("calls keyed by another tenant never read, reset nor overwrite this tenant's counts", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const mine = yield* tenantWithUsers(1)
      const theirs = yield* tenantWithUsers(1)
      const user = mine.users[0]!
      const key: AttemptKey = { tenantId: mine.tenant.id, account: user.id, origin: "192.0.2.1" }
      for (let i = 0; i < 4; i++) grantedOf(yield* attempts.reserve(key, at(i), policy))
      const stranger = theirs.tenant.id
      assert.deepStrictEqual(yield* attempts.get(stranger, user.id), noAccount)
      assert.deepStrictEqual(yield* attempts.getOrigin({ ...key, tenantId: stranger }), none)
      yield* attempts.reset(stranger, user.id)
      // A mismatched (tenant, user) pair may be refused by a store; either way the real counts must not move.
      yield* Effect.exit(attempts.recordFailure(stranger, user.id, minute(9)))
      yield* Effect.exit(attempts.reserve({ ...key, tenantId: stranger }, at(9), policy))
      assert.deepStrictEqual(yield* attempts.get(mine.tenant.id, user.id), {
        failures: 4,
        lastFailureAt: at(3),
        lockedUntil: null
      })
      assert.deepStrictEqual(yield* attempts.getOrigin(key), { failures: 4, lastFailureAt: at(3) })
    })
  )
}

/** Runs the FailedAttempts contract against one implementation (built once for the suite). */
export const failedAttemptsContract = (name: string, layer: Layer.Layer<AuthRepositories, unknown>): void =>
  registerAuthContract(`FailedAttempts contract (${name})`, layer, failedAttemptsTests)
