import { assert, describe, it } from "@effect/vitest"
import { type Sha256Digest, webCryptoSha256 } from "@gatehouse/domain"
import { Effect } from "effect"
import fc from "fast-check"

const utf8 = (text: string) => new TextEncoder().encode(text)
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")

/** FIPS 180-2 appendix B and the empty message. */
const VECTORS: ReadonlyArray<readonly [string, Uint8Array, string]> = [
  ["empty", utf8(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["abc", utf8("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  [
    "448-bit message",
    utf8("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
  ],
  [
    "one million 'a'",
    new Uint8Array(1_000_000).fill(0x61),
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
  ]
]

/**
 * The `Sha256` guarantees: the known-answer vectors, and the same digest as Web Crypto's for any bytes
 * (a property: an implementation may be faster, never different).
 */
export const sha256Contract = (name: string, implementation: Sha256Digest): void => {
  describe(`Sha256 contract (${name})`, () => {
    for (const [label, message, expected] of VECTORS)
      it.effect(`known answer: ${label}`, () =>
        Effect.map(implementation.digest(message), (digest) => assert.strictEqual(toHex(digest), expected))
      )

    it.effect("equals Web Crypto's digest for any bytes (property)", () =>
      Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
            const [ours, reference] = await Promise.all([
              Effect.runPromise(implementation.digest(bytes)),
              Effect.runPromise(webCryptoSha256.digest(bytes))
            ])
            assert.strictEqual(toHex(ours), toHex(reference))
            assert.strictEqual(ours.length, 32)
          }),
          { numRuns: 200 }
        )
      )
    )
  })
}
