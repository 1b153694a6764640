import { assert, describe, it } from "@effect/vitest"
import { SecureRandom } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { uniformInt } from "../../src/password/index.ts"

/** A SecureRandom that hands out scripted bytes and counts what was asked. */
const scripted = (bytes: ReadonlyArray<number>) => {
  const queue = [...bytes]
  const requests: Array<number> = []
  const layer = Layer.succeed(
    SecureRandom,
    SecureRandom.of({
      bytes: (length) =>
        Effect.sync(() => {
          requests.push(length)
          if (queue.length < length) throw new Error("script exhausted")
          return Uint8Array.from(queue.splice(0, length))
        })
    })
  )
  return { layer, requests }
}

describe("uniformInt (rejection sampling)", () => {
  it.effect("rejects bytes at or above the largest multiple of the bound", () =>
    Effect.gen(function* () {
      // bound 6: 252 = 42 * 6 is the limit, so 255 and 252 are thrown away and 7 gives 7 % 6 = 1.
      const { layer, requests } = scripted([255, 252, 7])
      assert.strictEqual(yield* uniformInt(6).pipe(Effect.provide(layer)), 1)
      assert.deepStrictEqual(requests, [1, 1, 1])
    })
  )

  it.effect("accepts the last value under the limit", () =>
    Effect.gen(function* () {
      const { layer } = scripted([251])
      assert.strictEqual(yield* uniformInt(6).pipe(Effect.provide(layer)), 251 % 6)
    })
  )

  it.effect("a power of two never rejects", () =>
    Effect.gen(function* () {
      const { layer, requests } = scripted([255])
      assert.strictEqual(yield* uniformInt(64).pipe(Effect.provide(layer)), 63)
      assert.deepStrictEqual(requests, [1])
    })
  )

  it.effect("bounds above 256 draw two bytes, big-endian, with their own limit", () =>
    Effect.gen(function* () {
      // bound 300: 65536 % 300 = 136, limit 65400; 0xffff is rejected, 0x012c = 300 gives 0.
      const { layer, requests } = scripted([0xff, 0xff, 0x01, 0x2c])
      assert.strictEqual(yield* uniformInt(300).pipe(Effect.provide(layer)), 0)
      assert.deepStrictEqual(requests, [2, 2])
    })
  )

  it.effect("a bound of 1 needs no randomness; an invalid bound is a defect", () =>
    Effect.gen(function* () {
      const { layer, requests } = scripted([])
      assert.strictEqual(yield* uniformInt(1).pipe(Effect.provide(layer)), 0)
      assert.deepStrictEqual(requests, [])
      const exit = yield* Effect.exit(uniformInt(0).pipe(Effect.provide(layer)))
      assert.strictEqual(exit._tag, "Failure")
    })
  )

  it.effect("the CSPRNG-backed draws stay in range and cover it", () =>
    Effect.gen(function* () {
      const seen = new Set<number>()
      for (let i = 0; i < 2000; i++) {
        const n = yield* uniformInt(24)
        assert.isTrue(Number.isInteger(n) && n >= 0 && n < 24)
        seen.add(n)
      }
      assert.strictEqual(seen.size, 24)
    }).pipe(Effect.provide(SecureRandom.layer))
  )
})
