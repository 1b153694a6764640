import { assert } from "@effect/vitest"
import { type TotpEnrollment, TotpRepository, type User } from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import {
  type AuthContractIt,
  type AuthRepositories,
  aHash,
  minute,
  registerAuthContract,
  tenantWithUsers
} from "./authSupport.ts"
import { race } from "./support.ts"

/** A pending enrolment of `user` with a sealed-looking secret. */
export const aPending = (
  user: Pick<User, "tenantId" | "id">,
  overrides: Partial<TotpEnrollment> = {}
): TotpEnrollment => ({
  tenantId: user.tenantId,
  userId: user.id,
  sealedSecret: `v1.${globalThis.crypto.randomUUID()}`,
  confirmed: false,
  lastUsedStep: null,
  recoveryCodeHashes: [],
  createdAt: minute(0),
  ...overrides
})

const enrolment = (user: Pick<User, "tenantId" | "id">) =>
  Effect.flatMap(TotpRepository, (totp) => Effect.map(totp.find(user.tenantId, user.id), Option.getOrThrow))

/** A user with a confirmed enrolment (step 100 used at confirmation) and `codes` recovery code hashes. */
const confirmedUser = (codes = 10) =>
  Effect.gen(function* () {
    const totp = yield* TotpRepository
    const { tenant, users } = yield* tenantWithUsers(1)
    const user = users[0]!
    const pending = aPending(user)
    assert.isTrue(yield* totp.savePending(pending))
    const hashes = Array.from({ length: codes }, aHash)
    assert.isTrue(yield* totp.confirm(tenant.id, user.id, hashes, 100))
    return { tenant, user, pending, hashes }
  })

const sorted = (hashes: ReadonlyArray<string>) => [...hashes].sort()

/**
 * The TotpRepository guarantees: one enrolment per user; `savePending` replaces a pending enrolment but never
 * a confirmed one; `useStep` is atomic and monotone; `consumeRecoveryCode` removes a hash exactly once under
 * concurrency; isolation by tenant.
 */
export const totpRepositoryTests = (it: AuthContractIt): void => {
  it.effect("savePending stores a pending enrolment and replaces a pending one", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { tenant, users } = yield* tenantWithUsers(1)
      const user = users[0]!
      assert.isTrue(Option.isNone(yield* totp.find(tenant.id, user.id)))
      const first = aPending(user)
      assert.isTrue(yield* totp.savePending(first))
      assert.deepStrictEqual(yield* totp.find(tenant.id, user.id), Option.some(first))
      const second = aPending(user, { createdAt: minute(5) })
      assert.isTrue(yield* totp.savePending(second))
      assert.deepStrictEqual(yield* totp.find(tenant.id, user.id), Option.some(second))
    })
  )

  it.effect("confirm marks the pending enrolment confirmed with its codes and step, once", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { tenant, user, pending, hashes } = yield* confirmedUser(3)
      const confirmed = yield* enrolment(user)
      assert.deepStrictEqual(
        { ...confirmed, recoveryCodeHashes: sorted(confirmed.recoveryCodeHashes) },
        { ...pending, confirmed: true, lastUsedStep: 100, recoveryCodeHashes: sorted(hashes) }
      )
      assert.isFalse(yield* totp.confirm(tenant.id, user.id, [aHash()], 200))
      assert.deepStrictEqual(yield* enrolment(user), confirmed)
      const { users } = yield* tenantWithUsers(1)
      assert.isFalse(yield* totp.confirm(tenant.id, users[0]!.id, [aHash()], 1))
    })
  )

  it.effect("savePending never replaces a confirmed enrolment (returns false, changes nothing)", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { user } = yield* confirmedUser()
      const before = yield* enrolment(user)
      assert.isFalse(yield* totp.savePending(aPending(user, { createdAt: minute(9) })))
      assert.deepStrictEqual(yield* enrolment(user), before)
      const { successes } = yield* race(20, () => totp.savePending(aPending(user)))
      assert.isTrue(successes.every((saved) => !saved))
      assert.deepStrictEqual(yield* enrolment(user), before)
    })
  )

  it.effect("useStep accepts a step only when it is greater than the last one used", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { tenant, user } = yield* confirmedUser()
      const steps = [100, 99, 101, 101, 105, 102, 104, 106, 0, 200]
      let last = 100
      for (const step of steps) {
        const expected = step > last
        assert.strictEqual(
          yield* totp.useStep(tenant.id, user.id, step),
          expected,
          `step ${step} after ${last}`
        )
        if (expected) last = step
        assert.strictEqual((yield* enrolment(user)).lastUsedStep, last)
      }
    })
  )

  it.effect("of 20 concurrent useStep calls with one step exactly one gets true", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { tenant, user } = yield* confirmedUser()
      const { successes } = yield* race(20, () => totp.useStep(tenant.id, user.id, 101))
      assert.strictEqual(successes.filter((used) => used).length, 1)
      assert.strictEqual((yield* enrolment(user)).lastUsedStep, 101)
    })
  )

  it.effect("concurrent useStep calls with different steps never move the last step backwards", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { tenant, user } = yield* confirmedUser()
      // Steps 101..120 in a scrambled order: whichever order they land in, the accepted ones rise and the
      // highest always ends as the last used step.
      const steps = Array.from({ length: 20 }, (_, i) => 101 + ((i * 7) % 20))
      const { successes } = yield* race(20, (i) =>
        Effect.map(totp.useStep(tenant.id, user.id, steps[i]!), (used) => ({ step: steps[i]!, used }))
      )
      assert.isTrue(successes.some(({ step, used }) => step === 120 && used))
      assert.strictEqual((yield* enrolment(user)).lastUsedStep, 120)
      assert.isFalse(yield* totp.useStep(tenant.id, user.id, 120))
    })
  )

  it.effect("consumeRecoveryCode removes one hash once and keeps the others", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { tenant, user, hashes } = yield* confirmedUser(3)
      assert.isTrue(yield* totp.consumeRecoveryCode(tenant.id, user.id, hashes[1]!))
      assert.isFalse(yield* totp.consumeRecoveryCode(tenant.id, user.id, hashes[1]!))
      assert.isFalse(yield* totp.consumeRecoveryCode(tenant.id, user.id, aHash()))
      assert.deepStrictEqual(
        sorted((yield* enrolment(user)).recoveryCodeHashes),
        sorted([hashes[0]!, hashes[2]!])
      )
    })
  )

  it.effect("of 20 concurrent uses of one recovery code exactly one gets true", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { tenant, user, hashes } = yield* confirmedUser(5)
      const { successes } = yield* race(20, () => totp.consumeRecoveryCode(tenant.id, user.id, hashes[0]!))
      assert.strictEqual(successes.filter((used) => used).length, 1)
      // Different codes consumed at once are each removed (no lost update).
      const rest = hashes.slice(1)
      const others = yield* race(rest.length, (i) => totp.consumeRecoveryCode(tenant.id, user.id, rest[i]!))
      assert.isTrue(others.successes.every((used) => used))
      assert.deepStrictEqual((yield* enrolment(user)).recoveryCodeHashes, [])
    })
  )

  it.effect("replaceRecoveryCodes swaps the whole set of a confirmed enrolment; never a pending one", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { tenant, user, hashes } = yield* confirmedUser(3)
      const fresh = [aHash(), aHash()]
      assert.isTrue(yield* totp.replaceRecoveryCodes(tenant.id, user.id, fresh))
      assert.deepStrictEqual(sorted((yield* enrolment(user)).recoveryCodeHashes), sorted(fresh))
      assert.isFalse(yield* totp.consumeRecoveryCode(tenant.id, user.id, hashes[0]!))
      assert.isTrue(yield* totp.consumeRecoveryCode(tenant.id, user.id, fresh[0]!))
      const { users } = yield* tenantWithUsers(1)
      const pending = aPending(users[0]!)
      assert.isTrue(yield* totp.savePending(pending))
      assert.isFalse(yield* totp.replaceRecoveryCodes(tenant.id, users[0]!.id, [aHash()]))
      assert.deepStrictEqual(yield* enrolment(users[0]!), pending)
      const { tenant: other } = yield* tenantWithUsers(0)
      assert.isFalse(yield* totp.replaceRecoveryCodes(other.id, user.id, [aHash()]))
      assert.deepStrictEqual(sorted((yield* enrolment(user)).recoveryCodeHashes), [fresh[1]!])
    })
  )

  it.effect("delete removes the enrolment, after which a new one can be saved", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { tenant, user } = yield* confirmedUser()
      yield* totp.delete(tenant.id, user.id)
      assert.isTrue(Option.isNone(yield* totp.find(tenant.id, user.id)))
      yield* totp.delete(tenant.id, user.id)
      const again = aPending(user)
      assert.isTrue(yield* totp.savePending(again))
      assert.deepStrictEqual(yield* totp.find(tenant.id, user.id), Option.some(again))
    })
  )

  it.effect("calls keyed by another tenant never read nor change an enrolment", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { user, hashes } = yield* confirmedUser(2)
      const { tenant: other } = yield* tenantWithUsers(0)
      const before = yield* enrolment(user)
      assert.isTrue(Option.isNone(yield* totp.find(other.id, user.id)))
      assert.isFalse(yield* totp.useStep(other.id, user.id, 500))
      assert.isFalse(yield* totp.consumeRecoveryCode(other.id, user.id, hashes[0]!))
      assert.isFalse(yield* totp.confirm(other.id, user.id, [aHash()], 600))
      yield* totp.delete(other.id, user.id)
      assert.deepStrictEqual(yield* enrolment(user), before)
    })
  )

  it.effect("savePending under another tenant's id never replaces this tenant's pending enrolment", () =>
    Effect.gen(function* () {
      const totp = yield* TotpRepository
      const { users } = yield* tenantWithUsers(1)
      const user = users[0]!
      const pending = aPending(user)
      yield* totp.savePending(pending)
      const { tenant: other } = yield* tenantWithUsers(0)
      // A store may refuse the mismatched (tenant, user) pair outright; it must not touch the real row.
      yield* Effect.exit(totp.savePending(aPending({ tenantId: other.id, id: user.id })))
      assert.deepStrictEqual(yield* totp.find(user.tenantId, user.id), Option.some(pending))
    })
  )
}

/** Runs the TotpRepository contract against one implementation (built once for the suite). */
export const totpRepositoryContract = (name: string, layer: Layer.Layer<AuthRepositories, unknown>): void =>
  registerAuthContract(`TotpRepository contract (${name})`, layer, totpRepositoryTests)
