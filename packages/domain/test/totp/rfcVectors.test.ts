import { createHmac } from "node:crypto"
import { assert, describe, it } from "@effect/vitest"
import { generateTotp, type OtpAlgorithm } from "@gatehouse/domain"
import { Effect } from "effect"
import { generateHotp, totpStep } from "../../src/totp/index.ts"

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text)

// RFC 6238 Appendix B: each hash has its own seed, of its own output length.
const SEEDS: Record<OtpAlgorithm, Uint8Array> = {
  SHA1: ascii("12345678901234567890"),
  SHA256: ascii("12345678901234567890123456789012"),
  SHA512: ascii("1234567890123456789012345678901234567890123456789012345678901234")
}

// [unix seconds, T (hex) as printed in the RFC, SHA1, SHA256, SHA512]
const RFC_6238: ReadonlyArray<readonly [number, string, string, string, string]> = [
  [59, "0000000000000001", "94287082", "46119246", "90693936"],
  [1111111109, "00000000023523EC", "07081804", "68084774", "25091201"],
  [1111111111, "00000000023523ED", "14050471", "67062674", "99943326"],
  [1234567890, "000000000273EF07", "89005924", "91819424", "93441116"],
  [2000000000, "0000000003F940AA", "69279037", "90698825", "38618901"],
  [20000000000, "0000000027BC86AA", "65353130", "77737706", "47863826"]
]

// RFC 4226 Appendix D: secret "12345678901234567890", counters 0..9, 6 digits.
const RFC_4226 = [
  "755224",
  "287082",
  "359152",
  "969429",
  "338314",
  "254676",
  "287922",
  "162583",
  "399871",
  "520489"
]

describe("RFC 6238 Appendix B (TOTP, 8 digits, 30 s)", () => {
  for (const [seconds, stepHex, ...codes] of RFC_6238) {
    const algorithms: ReadonlyArray<OtpAlgorithm> = ["SHA1", "SHA256", "SHA512"]
    algorithms.forEach((algorithm, i) => {
      it.effect(`${algorithm} at ${seconds} s -> ${codes[i]}`, () =>
        Effect.gen(function* () {
          assert.strictEqual(totpStep(seconds * 1000), BigInt(`0x${stepHex}`))
          const code = yield* generateTotp(SEEDS[algorithm], seconds * 1000, { digits: 8, algorithm })
          assert.strictEqual(code, codes[i])
        })
      )
    })
  }

  it.effect("milliseconds inside a step do not change the code; the next step does", () =>
    Effect.gen(function* () {
      const start = yield* generateTotp(SEEDS.SHA1, 1111111110_000, { digits: 8 })
      const end = yield* generateTotp(SEEDS.SHA1, 1111111139_999, { digits: 8 })
      const next = yield* generateTotp(SEEDS.SHA1, 1111111140_000, { digits: 8 })
      assert.strictEqual(start, "14050471")
      assert.strictEqual(end, "14050471")
      assert.notStrictEqual(next, "14050471")
    })
  )
})

describe("RFC 4226 Appendix D (HOTP, 6 digits)", () => {
  RFC_4226.forEach((expected, counter) => {
    it.effect(`counter ${counter} -> ${expected}`, () =>
      Effect.gen(function* () {
        assert.strictEqual(yield* generateHotp(SEEDS.SHA1, BigInt(counter)), expected)
      })
    )
  })
})

describe("64-bit counters", () => {
  // Independent reference: node's HMAC and the RFC 4226 truncation written out again.
  const reference = (key: Uint8Array, counter: bigint, digits: number): string => {
    const message = Buffer.alloc(8)
    message.writeBigUInt64BE(counter)
    const mac = createHmac("sha1", key).update(message).digest()
    const offset = mac[mac.length - 1]! & 0x0f
    const binary = mac.readUInt32BE(offset) & 0x7fffffff
    return String(binary % 10 ** digits).padStart(digits, "0")
  }

  for (const counter of [2n ** 32n, 2n ** 32n + 1n, 2n ** 53n + 7n, 2n ** 64n - 1n]) {
    it.effect(`counter ${counter} uses the high 32 bits`, () =>
      Effect.gen(function* () {
        const code = yield* generateHotp(SEEDS.SHA1, counter, { digits: 8 })
        assert.strictEqual(code, reference(SEEDS.SHA1, counter, 8))
        // a truncation to 32 bits would make 2^32 + n collide with n
        assert.notStrictEqual(code, yield* generateHotp(SEEDS.SHA1, counter % 2n ** 32n, { digits: 8 }))
      })
    )
  }

  it.effect("a counter outside 0..2^64-1 is a defect", () =>
    Effect.gen(function* () {
      const tooBig = yield* Effect.exit(generateHotp(SEEDS.SHA1, 2n ** 64n))
      const negative = yield* Effect.exit(generateHotp(SEEDS.SHA1, -1n))
      assert.isTrue(tooBig._tag === "Failure")
      assert.isTrue(negative._tag === "Failure")
    })
  )
})
