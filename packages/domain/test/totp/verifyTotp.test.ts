import { assert, describe, it } from "@effect/vitest"
import { generateTotp, type OtpAlgorithm, type OtpDigits, SecureRandom } from "@gatehouse/domain"
import { Effect } from "effect"
import fc from "fast-check"
import { generateHotp, newTotpSecret, totpStep, verifyTotp } from "../../src/totp/index.ts"

const key = new TextEncoder().encode("12345678901234567890")
const now = 1111111111_000 // step 37037037
const step = totpStep(now)
const codeAt = (offset: bigint) => generateHotp(key, step + offset)

describe("verifyTotp: drift window", () => {
  for (const offset of [-1n, 0n, 1n]) {
    it.effect(`accepts the code of step t${offset === 0n ? "" : offset > 0n ? `+${offset}` : offset}`, () =>
      Effect.gen(function* () {
        const result = yield* verifyTotp(key, yield* codeAt(offset), now)
        assert.deepStrictEqual(result, { valid: true, step: step + offset })
      })
    )
  }

  for (const offset of [-2n, 2n]) {
    it.effect(`refuses the code of step t${offset > 0n ? "+" : ""}${offset}`, () =>
      Effect.gen(function* () {
        assert.deepStrictEqual(yield* verifyTotp(key, yield* codeAt(offset), now), { valid: false })
      })
    )
  }

  it.effect("window 0 accepts only the current step; window 2 reaches t-2", () =>
    Effect.gen(function* () {
      assert.isFalse((yield* verifyTotp(key, yield* codeAt(1n), now, { window: 0 })).valid)
      assert.isTrue((yield* verifyTotp(key, yield* codeAt(0n), now, { window: 0 })).valid)
      assert.isTrue((yield* verifyTotp(key, yield* codeAt(-2n), now, { window: 2 })).valid)
    })
  )

  it.effect("ignores spaces, refuses wrong length, letters and another key's code", () =>
    Effect.gen(function* () {
      const code = yield* codeAt(0n)
      assert.isTrue((yield* verifyTotp(key, ` ${code.slice(0, 3)} ${code.slice(3)} `, now)).valid)
      assert.isFalse((yield* verifyTotp(key, code.slice(1), now)).valid)
      assert.isFalse((yield* verifyTotp(key, `${code}0`, now)).valid)
      assert.isFalse((yield* verifyTotp(key, "", now)).valid)
      assert.isFalse((yield* verifyTotp(key, "abcdef", now)).valid)
      const other = new TextEncoder().encode("another secret key!!")
      assert.isFalse((yield* verifyTotp(other, code, now)).valid)
    })
  )

  it.effect("at the epoch the window skips negative steps", () =>
    Effect.gen(function* () {
      const result = yield* verifyTotp(key, yield* generateHotp(key, 0n), 0)
      assert.deepStrictEqual(result, { valid: true, step: 0n })
    })
  )
})

describe("verifyTotp: single use (ASVS 6.5.1)", () => {
  it.effect("a code of a step <= lastUsedStep is refused; a later step is accepted", () =>
    Effect.gen(function* () {
      const current = yield* codeAt(0n)
      assert.isFalse((yield* verifyTotp(key, current, now, { lastUsedStep: step })).valid)
      assert.isFalse((yield* verifyTotp(key, current, now, { lastUsedStep: step + 1n })).valid)
      assert.isFalse((yield* verifyTotp(key, yield* codeAt(-1n), now, { lastUsedStep: step - 1n })).valid)
      assert.deepStrictEqual(yield* verifyTotp(key, current, now, { lastUsedStep: step - 1n }), {
        valid: true,
        step
      })
      assert.deepStrictEqual(yield* verifyTotp(key, yield* codeAt(1n), now, { lastUsedStep: step }), {
        valid: true,
        step: step + 1n
      })
    })
  )

  it.effect("lastUsedStep may be a number (as the repository stores it) or null", () =>
    Effect.gen(function* () {
      const current = yield* codeAt(0n)
      assert.isFalse((yield* verifyTotp(key, current, now, { lastUsedStep: Number(step) })).valid)
      assert.isTrue((yield* verifyTotp(key, current, now, { lastUsedStep: null })).valid)
    })
  )

  it.effect("replaying the accepted code with the returned step stored is refused", () =>
    Effect.gen(function* () {
      const code = yield* codeAt(0n)
      const first = yield* verifyTotp(key, code, now)
      assert.isTrue(first.valid)
      const stored = first.valid ? first.step : null
      assert.isFalse((yield* verifyTotp(key, code, now + 10_000, { lastUsedStep: stored })).valid)
    })
  )
})

describe("verifyTotp: properties", () => {
  const algorithm = fc.constantFrom<OtpAlgorithm>("SHA1", "SHA256", "SHA512")
  const digits = fc.constantFrom<OtpDigits>(6, 7, 8)
  const time = fc.integer({ min: 0, max: 20_000_000_000_000 })
  const secret = fc.uint8Array({ minLength: 1, maxLength: 64 })

  it("the code generated at an instant verifies at that instant, once", async () => {
    await fc.assert(
      fc.asyncProperty(secret, time, algorithm, digits, async (k, t, alg, d) => {
        const options = { algorithm: alg, digits: d }
        const program = Effect.gen(function* () {
          const code = yield* generateTotp(k, t, options)
          const first = yield* verifyTotp(k, code, t, options)
          const replay = yield* verifyTotp(k, code, t, { ...options, lastUsedStep: totpStep(t) })
          return { code, first, replay }
        })
        const { code, first, replay } = await Effect.runPromise(program)
        return (
          code.length === d &&
          first.valid &&
          first.step === totpStep(t) &&
          // the code may coincide with the code of t+1 (chance 10^-d); otherwise the replay is refused
          (!replay.valid || replay.step === totpStep(t) + 1n)
        )
      }),
      { numRuns: 200 }
    )
  })
})

describe("newTotpSecret", () => {
  it.effect("20 bytes from SecureRandom, different each time", () =>
    Effect.gen(function* () {
      const a = yield* newTotpSecret
      const b = yield* newTotpSecret
      assert.strictEqual(a.length, 20)
      assert.isFalse(Buffer.from(a).equals(Buffer.from(b)))
    }).pipe(Effect.provide(SecureRandom.layer))
  )
})
