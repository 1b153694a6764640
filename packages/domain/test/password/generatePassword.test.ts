import { assert, describe, it } from "@effect/vitest"
import {
  generatePassword,
  nistPolicy,
  PasswordBlocklist,
  type PasswordContext,
  type PasswordPolicy,
  productPolicy,
  SecureRandom
} from "@gatehouse/domain"
import { memory } from "@gatehouse/testkit"
import { Effect, Exit, Layer, Redacted } from "effect"
import fc from "fast-check"
import { checkPassword, GENERATOR_ALPHABETS } from "../../src/password/index.ts"
import { anyContext, anyPolicy } from "./policyArbitrary.ts"

const layer = Layer.mergeAll(memory.PasswordBlocklist.layerSample(), SecureRandom.layer)

/** The expected length, computed here from the policy (not with the generator's own helper). */
const expectedLength = (policy: PasswordPolicy, context: PasswordContext): number =>
  Math.max(
    policy.generatedLength,
    context.hasMfa === true && policy.minLengthWithMfa !== null ? policy.minLengthWithMfa : policy.minLength
  )

const generateAndCheck = (policy: PasswordPolicy, context: PasswordContext) =>
  Effect.gen(function* () {
    const password = yield* generatePassword(policy, context)
    const check = yield* checkPassword(policy, password, context)
    return { value: Redacted.value(password), check }
  }).pipe(Effect.provide(layer))

describe("generatePassword properties", () => {
  it("always passes checkPassword of its policy and context, at the exact expected length", async () => {
    await fc.assert(
      fc.asyncProperty(anyPolicy, anyContext, async (policy, context) => {
        const { value, check } = await Effect.runPromise(generateAndCheck(policy, context))
        const failures = check.results.filter((r) => !r.passed).map((r) => r.rule)
        if (!check.ok) throw new Error(`failed ${failures.join(", ")}: ${value}`)
        return Array.from(value).length === expectedLength(policy, context)
      }),
      { numRuns: 300 }
    )
  })

  it("without a context, passes the policy with the plain minimum", async () => {
    await fc.assert(
      fc.asyncProperty(anyPolicy, async (policy) => {
        const { value, check } = await Effect.runPromise(generateAndCheck(policy, {}))
        return check.ok && Array.from(value).length === expectedLength(policy, {})
      }),
      { numRuns: 100 }
    )
  })
})

describe("generatePassword", () => {
  it.effect("product preset: 8 characters with a lower-case letter, an upper-case letter and a digit", () =>
    Effect.gen(function* () {
      for (let i = 0; i < 200; i++) {
        const value = Redacted.value(yield* generatePassword(productPolicy))
        assert.strictEqual(value.length, 8)
        assert.match(value, /[a-z]/)
        assert.match(value, /[A-Z]/)
        assert.match(value, /[0-9]/)
      }
    }).pipe(Effect.provide(layer))
  )

  it.effect("NIST preset: 20 characters; 20 as well with MFA (generatedLength is above both minimums)", () =>
    Effect.gen(function* () {
      assert.strictEqual(Redacted.value(yield* generatePassword(nistPolicy)).length, 20)
      assert.strictEqual(Redacted.value(yield* generatePassword(nistPolicy, { hasMfa: true })).length, 20)
      const long = { ...nistPolicy, minLength: 40 }
      assert.strictEqual(Redacted.value(yield* generatePassword(long)).length, 40)
    }).pipe(Effect.provide(layer))
  )

  it.effect("never uses look-alike characters, nor symbols unless required", () =>
    Effect.gen(function* () {
      const plain = { ...nistPolicy, generatedLength: 64 }
      const symbols = { ...plain, requireSymbol: true }
      let seen = ""
      for (let i = 0; i < 100; i++) {
        const a = Redacted.value(yield* generatePassword(plain))
        assert.notMatch(a, /[0O1lIo|]/)
        assert.match(a, /^[A-Za-z0-9]+$/)
        const b = Redacted.value(yield* generatePassword(symbols))
        assert.notMatch(b, /[0O1lIo|]/)
        seen += b
      }
      // Over 6,400 characters every letter of the alphabets shows up (a missing one means a skewed choice).
      const all = Object.values(GENERATOR_ALPHABETS).join("")
      for (const char of all) assert.include(seen, char)
    }).pipe(Effect.provide(layer))
  )

  it.effect("two passwords differ (drawn from the CSPRNG, not a fixed seed)", () =>
    Effect.gen(function* () {
      const a = Redacted.value(yield* generatePassword(nistPolicy))
      const b = Redacted.value(yield* generatePassword(nistPolicy))
      assert.notStrictEqual(a, b)
    }).pipe(Effect.provide(layer))
  )

  it.effect("redraws a password the blocklist refuses", () =>
    Effect.gen(function* () {
      let calls = 0
      const refusesThree = Layer.succeed(
        PasswordBlocklist,
        PasswordBlocklist.of({ isBlocked: () => Effect.sync(() => ++calls <= 3) })
      )
      const password = yield* generatePassword(productPolicy).pipe(
        Effect.provide(Layer.mergeAll(refusesThree, SecureRandom.layer))
      )
      assert.strictEqual(calls, 4)
      assert.strictEqual(Redacted.value(password).length, 8)
    })
  )

  it.effect("redraws a password that contains a context word", () =>
    Effect.gen(function* () {
      // Every 3-letter word over a..p: about half of all 8-character draws contain one, so across 30
      // passwords the generator must have thrown some draws away (all 30 first draws passing: ~1e-10).
      const letters = "abcdefghijklmnop"
      const words = [...letters].flatMap((a) =>
        [...letters].flatMap((b) => [...letters].map((c) => a + b + c))
      )
      const context = { firstName: words.join(" ") }
      const policy = { ...nistPolicy, generatedLength: 8 }
      let checks = 0
      const counting = Layer.succeed(
        PasswordBlocklist,
        PasswordBlocklist.of({ isBlocked: () => Effect.sync(() => void checks++).pipe(Effect.as(false)) })
      )
      for (let i = 0; i < 30; i++) {
        const password = Redacted.value(
          yield* generatePassword(policy, context).pipe(
            Effect.provide(Layer.mergeAll(counting, SecureRandom.layer))
          )
        )
        assert.notMatch(password.toLowerCase(), /[a-p]{3}/)
      }
      assert.isAbove(checks, 30)
    })
  )

  it.effect("dies, rather than return a refused password, when the blocklist refuses everything", () =>
    Effect.gen(function* () {
      const refusesAll = Layer.succeed(
        PasswordBlocklist,
        PasswordBlocklist.of({ isBlocked: () => Effect.succeed(true) })
      )
      const exit = yield* Effect.exit(
        generatePassword(productPolicy).pipe(Effect.provide(Layer.mergeAll(refusesAll, SecureRandom.layer)))
      )
      assert.isTrue(Exit.hasDies(exit))
    })
  )
})
