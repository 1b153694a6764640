import { Effect } from "effect"
import { SecureRandom } from "../ports/SecureRandom.ts"

/**
 * A uniform integer in `[0, bound)` from the CSPRNG, for `1 <= bound <= 2^32`. Rejection sampling: a draw at
 * or above the largest multiple of `bound` that fits is thrown away, so `draw % bound` has no modulo bias.
 * Draws as few bytes as cover `bound` (one byte for an alphabet), so a redraw is rare and cheap.
 */
export const uniformInt = (bound: number): Effect.Effect<number, never, SecureRandom> =>
  Effect.gen(function* () {
    if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) {
      return yield* Effect.die(new RangeError(`uniformInt: bound ${bound} is outside [1, 2^32]`))
    }
    if (bound === 1) return 0
    const byteCount = Math.ceil(Math.log2(bound) / 8)
    const range = 2 ** (8 * byteCount)
    const limit = range - (range % bound)
    const random = yield* SecureRandom
    while (true) {
      const bytes = yield* random.bytes(byteCount)
      let draw = 0
      for (const byte of bytes) draw = draw * 256 + byte
      if (draw < limit) return draw % bound
    }
  })
