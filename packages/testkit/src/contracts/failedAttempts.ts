import { assert } from "@effect/vitest"
import { FailedAttempts, type User } from "@gatehouse/domain"
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

/**
 * The FailedAttempts guarantees: `recordFailure` is one atomic increment returning the state after it (N
 * concurrent failures count N), `reset` sets the count to zero, isolation by tenant.
 */
export const failedAttemptsTests = (it: AuthContractIt): void => {
  it.effect("counts failures from zero and returns the state after each one", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const { tenant, users } = yield* tenantWithUsers(1)
      const user = users[0]!
      assert.deepStrictEqual(yield* attempts.get(tenant.id, user.id), none)
      assert.deepStrictEqual(yield* attempts.recordFailure(tenant.id, user.id, minute(1)), {
        failures: 1,
        lastFailureAt: minute(1)
      })
      assert.deepStrictEqual(yield* attempts.recordFailure(tenant.id, user.id, minute(2)), {
        failures: 2,
        lastFailureAt: minute(2)
      })
      assert.deepStrictEqual(yield* attempts.get(tenant.id, user.id), {
        failures: 2,
        lastFailureAt: minute(2)
      })
    })
  )

  it.effect("20 concurrent failures count 20, and each caller sees a different count", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const { tenant, users } = yield* tenantWithUsers(1)
      const user = users[0]!
      const { successes, failures } = yield* race(20, (i) =>
        attempts.recordFailure(tenant.id, user.id, minute(i))
      )
      assert.strictEqual(failures.length, 0)
      assert.deepStrictEqual(
        successes.map((state) => state.failures).sort((a, b) => a - b),
        Array.from({ length: 20 }, (_, i) => i + 1)
      )
      assert.strictEqual((yield* attempts.get(tenant.id, user.id)).failures, 20)
    })
  )

  it.effect("reset sets the count to zero; counting starts again from one", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const { tenant, users } = yield* tenantWithUsers(1)
      const user = users[0]!
      for (let i = 0; i < 3; i++) yield* attempts.recordFailure(tenant.id, user.id, minute(i))
      yield* attempts.reset(tenant.id, user.id)
      assert.strictEqual((yield* attempts.get(tenant.id, user.id)).failures, 0)
      assert.deepStrictEqual(yield* attempts.recordFailure(tenant.id, user.id, minute(9)), {
        failures: 1,
        lastFailureAt: minute(9)
      })
      // Resetting a user who never failed is no error.
      const { users: others } = yield* tenantWithUsers(1)
      yield* attempts.reset(tenant.id, others[0]!.id)
    })
  )

  it.effect("each user of each tenant has their own count", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const mine = yield* tenantWithUsers(2)
      const theirs = yield* tenantWithUsers(1)
      const [user, colleague] = mine.users as [User, User]
      const stranger = theirs.users[0]!
      for (let i = 0; i < 3; i++) yield* attempts.recordFailure(mine.tenant.id, user.id, minute(i))
      yield* attempts.recordFailure(mine.tenant.id, colleague.id, minute(5))
      for (let i = 0; i < 2; i++) yield* attempts.recordFailure(theirs.tenant.id, stranger.id, minute(i))
      yield* attempts.reset(mine.tenant.id, colleague.id)
      assert.strictEqual((yield* attempts.get(mine.tenant.id, user.id)).failures, 3)
      assert.strictEqual((yield* attempts.get(mine.tenant.id, colleague.id)).failures, 0)
      assert.strictEqual((yield* attempts.get(theirs.tenant.id, stranger.id)).failures, 2)
    })
  )

  it.effect("calls keyed by another tenant never read, reset nor overwrite this tenant's count", () =>
    Effect.gen(function* () {
      const attempts = yield* FailedAttempts
      const mine = yield* tenantWithUsers(1)
      const theirs = yield* tenantWithUsers(1)
      const user = mine.users[0]!
      for (let i = 0; i < 4; i++) yield* attempts.recordFailure(mine.tenant.id, user.id, minute(i))
      const stranger = theirs.tenant.id
      assert.deepStrictEqual(yield* attempts.get(stranger, user.id), none)
      yield* attempts.reset(stranger, user.id)
      // A mismatched (tenant, user) pair may be refused by a store (its user does not exist in that tenant);
      // either way the real tenant's counter must not move.
      yield* Effect.exit(attempts.recordFailure(stranger, user.id, minute(9)))
      assert.deepStrictEqual(yield* attempts.get(mine.tenant.id, user.id), {
        failures: 4,
        lastFailureAt: minute(3)
      })
    })
  )
}

/** Runs the FailedAttempts contract against one implementation (built once for the suite). */
export const failedAttemptsContract = (name: string, layer: Layer.Layer<AuthRepositories, unknown>): void =>
  registerAuthContract(`FailedAttempts contract (${name})`, layer, failedAttemptsTests)
