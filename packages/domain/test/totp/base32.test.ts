import { assert, describe, it } from "@effect/vitest"
import { decodeBase32 } from "@gatehouse/domain"
import { Effect } from "effect"
import fc from "fast-check"
import { encodeBase32 } from "../../src/totp/index.ts"

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text)

// RFC 4648 section 10, padding removed (otpauth URIs carry no padding).
const RFC_4648: ReadonlyArray<readonly [string, string]> = [
  ["", ""],
  ["f", "MY"],
  ["fo", "MZXQ"],
  ["foo", "MZXW6"],
  ["foob", "MZXW6YQ"],
  ["fooba", "MZXW6YTB"],
  ["foobar", "MZXW6YTBOI"]
]

describe("base32 (RFC 4648)", () => {
  for (const [plain, encoded] of RFC_4648) {
    it.effect(`"${plain}" <-> "${encoded}"`, () =>
      Effect.gen(function* () {
        assert.strictEqual(encodeBase32(ascii(plain)), encoded)
        assert.deepStrictEqual(yield* decodeBase32(encoded), ascii(plain))
      })
    )
  }

  it.effect("the RFC 6238 SHA1 seed encodes as authenticator apps show it", () =>
    Effect.sync(() => {
      assert.strictEqual(encodeBase32(ascii("12345678901234567890")), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    })
  )

  it.effect("decode tolerates lower case, spaces, dashes and padding", () =>
    Effect.gen(function* () {
      const foobar = ascii("foobar")
      assert.deepStrictEqual(yield* decodeBase32("mzxw6ytboi"), foobar)
      assert.deepStrictEqual(yield* decodeBase32("MZXW 6YTB OI"), foobar)
      assert.deepStrictEqual(yield* decodeBase32("mzxw-6ytb-oi"), foobar)
      assert.deepStrictEqual(yield* decodeBase32("MZXW6YTBOI======"), foobar)
      assert.deepStrictEqual(yield* decodeBase32("MY======"), ascii("f"))
    })
  )

  it.effect("decode refuses characters outside the alphabet and impossible lengths", () =>
    Effect.gen(function* () {
      for (const bad of ["MZXW1", "MZXW0YTB", "MZXW8", "MZX!", "M", "MZX", "MZXW6Y"]) {
        const error = yield* Effect.flip(decodeBase32(bad))
        assert.strictEqual(error._tag, "InvalidBase32", bad)
      }
    })
  )

  it("round trip: decode(encode(bytes)) = bytes, output only A-Z2-7", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 100 }), async (bytes) => {
        const encoded = encodeBase32(bytes)
        const decoded = await Effect.runPromise(decodeBase32(encoded))
        return (
          /^[A-Z2-7]*$/.test(encoded) &&
          encoded.length === Math.ceil((bytes.length * 8) / 5) &&
          Buffer.from(decoded).equals(Buffer.from(bytes))
        )
      }),
      { numRuns: 500 }
    )
  })

  it("round trip through the tolerated forms (lower case, grouped with spaces)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        const pasted = encodeBase32(bytes)
          .toLowerCase()
          .replace(/(.{4})/g, "$1 ")
        const decoded = await Effect.runPromise(decodeBase32(pasted))
        return Buffer.from(decoded).equals(Buffer.from(bytes))
      }),
      { numRuns: 200 }
    )
  })
})
