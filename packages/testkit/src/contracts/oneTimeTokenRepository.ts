import { assert } from "@effect/vitest"
import {
  type OneTimeToken,
  type OneTimeTokenId,
  type OneTimeTokenPurpose,
  OneTimeTokenRepository,
  Transactor,
  type User
} from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { anId } from "../builders.ts"
import {
  type AuthContractIt,
  type AuthRepositories,
  aHash,
  minute,
  registerAuthContract,
  tenantWithUsers
} from "./authSupport.ts"
import { race } from "./support.ts"

/** An unused password reset token of `user`, created at minute 0 and valid for 30 minutes unless overridden. */
export const aToken = (
  user: Pick<User, "tenantId" | "id">,
  overrides: Partial<OneTimeToken> = {}
): OneTimeToken => ({
  id: anId<OneTimeTokenId>(),
  tenantId: user.tenantId,
  userId: user.id,
  purpose: "password_reset",
  secretHash: aHash(),
  expiresAt: minute(30),
  createdAt: minute(0),
  usedAt: null,
  ...overrides
})

const found = (id: OneTimeTokenId) => Effect.flatMap(OneTimeTokenRepository, (tokens) => tokens.findById(id))

/**
 * The OneTimeTokenRepository guarantees: one token per user and purpose (`issue` replaces the previous one,
 * also under 20 concurrent issues), `use` is one conditional `unused -> used` while unexpired (exactly one of
 * N concurrent callers wins, inside transactions too), `revoke` removes, isolation by tenant (`findById` by id
 * alone).
 */
export const oneTimeTokenRepositoryTests = (it: AuthContractIt): void => {
  it.effect("stores a token and reads it back whole by id alone", () =>
    Effect.gen(function* () {
      const tokens = yield* OneTimeTokenRepository
      const { users } = yield* tenantWithUsers(1)
      const token = aToken(users[0]!)
      yield* tokens.issue(token)
      assert.deepStrictEqual(yield* tokens.findById(token.id), Option.some(token))
      assert.isTrue(Option.isNone(yield* tokens.findById(anId<OneTimeTokenId>())))
    })
  )

  it.effect(
    "a new token replaces the user's previous one of the same purpose, used or not, and only that",
    () =>
      Effect.gen(function* () {
        const tokens = yield* OneTimeTokenRepository
        const { users } = yield* tenantWithUsers(2)
        const [user, other] = users as [User, User]
        const first = aToken(user)
        const verification = aToken(user, { purpose: "email_verification", expiresAt: minute(24 * 60) })
        const othersReset = aToken(other)
        for (const row of [first, verification, othersReset]) yield* tokens.issue(row)
        const second = aToken(user, { createdAt: minute(1) })
        yield* tokens.issue(second)
        assert.isTrue(Option.isNone(yield* found(first.id)), "the first token is gone")
        assert.isFalse(
          yield* tokens.use(user.tenantId, first.id, minute(2)),
          "the first token cannot be used"
        )
        assert.deepStrictEqual(yield* found(second.id), Option.some(second))
        assert.deepStrictEqual(yield* found(verification.id), Option.some(verification))
        assert.deepStrictEqual(yield* found(othersReset.id), Option.some(othersReset))

        // a used token is replaced too, and the new one is usable
        assert.isTrue(yield* tokens.use(user.tenantId, second.id, minute(2)))
        const third = aToken(user, { createdAt: minute(3), expiresAt: minute(33) })
        yield* tokens.issue(third)
        assert.isTrue(Option.isNone(yield* found(second.id)))
        assert.isTrue(yield* tokens.use(user.tenantId, third.id, minute(4)))
      })
  )

  it.effect("use marks an unused, unexpired token used at the given time, once", () =>
    Effect.gen(function* () {
      const tokens = yield* OneTimeTokenRepository
      const { users } = yield* tenantWithUsers(1)
      const token = aToken(users[0]!)
      yield* tokens.issue(token)
      assert.isTrue(yield* tokens.use(token.tenantId, token.id, minute(10)))
      assert.deepStrictEqual(yield* found(token.id), Option.some({ ...token, usedAt: minute(10) }))
      assert.isFalse(yield* tokens.use(token.tenantId, token.id, minute(11)))
      assert.deepStrictEqual(Option.getOrThrow(yield* found(token.id)).usedAt, minute(10))
      assert.isFalse(yield* tokens.use(token.tenantId, anId<OneTimeTokenId>(), minute(11)))
    })
  )

  it.effect("use applies only while expiresAt > at: at or after expiresAt it fails and changes nothing", () =>
    Effect.gen(function* () {
      const tokens = yield* OneTimeTokenRepository
      const { users } = yield* tenantWithUsers(2)
      const token = aToken(users[0]!)
      yield* tokens.issue(token)
      assert.isFalse(yield* tokens.use(token.tenantId, token.id, minute(30)))
      assert.isFalse(yield* tokens.use(token.tenantId, token.id, minute(31)))
      assert.deepStrictEqual(yield* found(token.id), Option.some(token))
      const justInTime = aToken(users[1]!)
      yield* tokens.issue(justInTime)
      assert.isTrue(yield* tokens.use(justInTime.tenantId, justInTime.id, new Date(minute(30).getTime() - 1)))
    })
  )

  it.effect("of 20 concurrent uses of one token exactly one gets true", () =>
    Effect.gen(function* () {
      const tokens = yield* OneTimeTokenRepository
      const { users } = yield* tenantWithUsers(1)
      const token = aToken(users[0]!)
      yield* tokens.issue(token)
      const { successes, failures } = yield* race(20, (i) =>
        tokens.use(token.tenantId, token.id, minute(i % 20))
      )
      assert.strictEqual(failures.length, 0)
      assert.strictEqual(successes.filter((won) => won).length, 1)
      assert.isNotNull(Option.getOrThrow(yield* found(token.id)).usedAt)
    })
  )

  it.effect("of 20 concurrent transactions using one token exactly one gets true", () =>
    Effect.gen(function* () {
      const tokens = yield* OneTimeTokenRepository
      const transactor = yield* Transactor
      const { users } = yield* tenantWithUsers(1)
      const token = aToken(users[0]!)
      yield* tokens.issue(token)
      const { successes, failures } = yield* race(20, (i) =>
        transactor.withTransaction(tokens.use(token.tenantId, token.id, minute(i % 20)))
      )
      assert.strictEqual(failures.length, 0)
      assert.strictEqual(successes.filter((won) => won).length, 1)
    })
  )

  it.effect("of 20 concurrent issues for one user and purpose exactly one token remains", () =>
    Effect.gen(function* () {
      const tokens = yield* OneTimeTokenRepository
      const transactor = yield* Transactor
      const { users } = yield* tenantWithUsers(1)
      const issued = Array.from({ length: 20 }, (_, i) => aToken(users[0]!, { createdAt: minute(i % 20) }))
      const { failures } = yield* race(20, (i) => transactor.withTransaction(tokens.issue(issued[i]!)))
      assert.strictEqual(failures.length, 0)
      const remaining: Array<OneTimeTokenId> = []
      for (const token of issued) if (Option.isSome(yield* found(token.id))) remaining.push(token.id)
      assert.strictEqual(remaining.length, 1)
      assert.isTrue(yield* tokens.use(users[0]!.tenantId, remaining[0]!, minute(21)))
    })
  )

  it.effect("revoke removes the user's token of that purpose only, and says whether there was one", () =>
    Effect.gen(function* () {
      const tokens = yield* OneTimeTokenRepository
      const { users } = yield* tenantWithUsers(1)
      const user = users[0]!
      const reset = aToken(user)
      const verification = aToken(user, { purpose: "email_verification" })
      yield* tokens.issue(reset)
      yield* tokens.issue(verification)
      assert.isTrue(yield* tokens.revoke(user.tenantId, user.id, "password_reset"))
      assert.isTrue(Option.isNone(yield* found(reset.id)))
      assert.isFalse(yield* tokens.use(user.tenantId, reset.id, minute(1)))
      assert.isFalse(yield* tokens.revoke(user.tenantId, user.id, "password_reset"))
      assert.deepStrictEqual(yield* found(verification.id), Option.some(verification))
    })
  )

  it.effect("another tenant's token is found by id alone, but never used nor revoked", () =>
    Effect.gen(function* () {
      const tokens = yield* OneTimeTokenRepository
      const theirs = yield* tenantWithUsers(1)
      const mine = yield* tenantWithUsers(1)
      const token = aToken(theirs.users[0]!)
      yield* tokens.issue(token)
      const stranger = mine.tenant.id
      assert.isFalse(yield* tokens.use(stranger, token.id, minute(1)))
      for (const purpose of ["password_reset", "email_verification"] as ReadonlyArray<OneTimeTokenPurpose>)
        assert.isFalse(yield* tokens.revoke(stranger, token.userId, purpose))
      assert.deepStrictEqual(yield* tokens.findById(token.id), Option.some(token))
    })
  )
}

/** Runs the OneTimeTokenRepository contract against `implementation`, built once. */
export const oneTimeTokenRepositoryContract = (
  name: string,
  implementation: Layer.Layer<AuthRepositories, unknown>
): void =>
  registerAuthContract(
    `OneTimeTokenRepository contract (${name})`,
    implementation,
    oneTimeTokenRepositoryTests
  )
