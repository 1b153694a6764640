import { assert, describe, it } from "@effect/vitest"
import { SecureRandom } from "@gatehouse/domain"
import { Effect, Layer, Redacted } from "effect"
import {
  hashRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
  RECOVERY_CODE_LENGTH
} from "../../src/totp/index.ts"

const provideRandom = Effect.provide(SecureRandom.layer)

describe("newRecoveryCodes", () => {
  it.effect("ten distinct codes xxxx-xxxx-xxxx-xxxx of lower-case base32", () =>
    Effect.gen(function* () {
      const codes = yield* newRecoveryCodes()
      assert.strictEqual(codes.length, 10)
      assert.strictEqual(new Set(codes).size, 10)
      for (const code of codes) {
        assert.match(code, /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/)
        assert.strictEqual(normaliseRecoveryCode(code).length, RECOVERY_CODE_LENGTH)
      }
      assert.strictEqual((yield* newRecoveryCodes(3)).length, 3)
    }).pipe(provideRandom)
  )

  it.effect("stay distinct even when the random source repeats itself", () => {
    // a source that yields the same bytes twice in a row before moving on
    let calls = 0
    const repeating = Layer.succeed(
      SecureRandom,
      SecureRandom.of({
        bytes: (length) => Effect.sync(() => new Uint8Array(length).fill(Math.floor(calls++ / 2)))
      })
    )
    return Effect.gen(function* () {
      const codes = yield* newRecoveryCodes(4)
      assert.strictEqual(new Set(codes).size, 4)
      assert.isAtLeast(calls, 7)
    }).pipe(Effect.provide(repeating))
  })
})

describe("hashRecoveryCode", () => {
  it.effect("hex SHA-256 of the normalised code", () =>
    Effect.gen(function* () {
      // SHA-256("abcd") from any reference implementation
      assert.strictEqual(
        yield* hashRecoveryCode("abcd"),
        "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589"
      )
    })
  )

  it.effect("case, spaces and dashes do not change the hash; other characters do", () =>
    Effect.gen(function* () {
      const [code] = yield* newRecoveryCodes(1)
      const hash = yield* hashRecoveryCode(code!)
      assert.match(hash, /^[0-9a-f]{64}$/)
      const compact = code!.replace(/-/g, "")
      for (const typed of [code!.toUpperCase(), compact, ` ${compact.slice(0, 8)} ${compact.slice(8)} `]) {
        assert.strictEqual(yield* hashRecoveryCode(typed), hash, typed)
      }
      assert.strictEqual(yield* hashRecoveryCode(Redacted.make(code!)), hash)
      const changed = `${compact.slice(0, -1)}${compact.endsWith("a") ? "b" : "a"}`
      assert.notStrictEqual(yield* hashRecoveryCode(changed), hash)
    }).pipe(provideRandom)
  )

  it.effect("distinct codes hash to distinct values", () =>
    Effect.gen(function* () {
      const codes = yield* newRecoveryCodes()
      const hashes = yield* Effect.forEach(codes, hashRecoveryCode)
      assert.strictEqual(new Set(hashes).size, codes.length)
    }).pipe(provideRandom)
  )
})
