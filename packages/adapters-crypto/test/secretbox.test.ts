import { assert, describe, it } from "@effect/vitest"
import { SecretBox } from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import fc from "fast-check"
import { aes256GcmOpen, aes256GcmSeal } from "../src/secretbox/aesGcm.ts"
import { layer, make, newKey, parseKeyRing } from "../src/secretbox/SecretBox.ts"

const hex = (text: string): Buffer => Buffer.from(text, "hex")
const secret = Redacted.make
const AAD = "tenant-1/user-1/totp"

// Key bytes 0x00..0x1f. PINNED was sealed once by Web Crypto (an implementation independent of node:crypto's
// API) with IV a0..ab and associated data "v1.k1." + AAD: it pins the primitive, the AAD layout and the format.
const PINNED_RING = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
const PINNED = "v1.k1.oKGio6Slpqeoqaqr.rFovehz4Ru8nLdeYNCqYjn9-NLf1VQcNbs3vlUYflZg"

const ringOf = (text: string) => Effect.runSync(parseKeyRing(text))
const boxOf = (text: string) => make(ringOf(text))
const keyA = Redacted.value(newKey())
const keyB = Redacted.value(newKey())

/** Replaces the part at `index` of a sealed value `v1.kid.iv.body`. */
const withPart = (sealed: string, index: number, f: (part: string) => string): string =>
  sealed
    .split(".")
    .map((part, i) => (i === index ? f(part) : part))
    .join(".")

/** Flips one bit of byte `at` (negative counts from the end) of a base64url part. */
const flipByte =
  (at: number) =>
  (part: string): string => {
    const bytes = Buffer.from(part, "base64url")
    bytes[at < 0 ? bytes.length + at : at]! ^= 0x01
    return bytes.toString("base64url")
  }

describe("AES-256-GCM known answers (McGrew & Viega GCM spec, test cases 13-16)", () => {
  const K0 = Buffer.alloc(32)
  const IV0 = Buffer.alloc(12)
  const K = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
  const IV = hex("cafebabefacedbaddecaf888")
  const P =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" +
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
  const C =
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa" +
    "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"
  const cases = [
    { name: "13: empty", key: K0, iv: IV0, p: "", a: "", c: "", t: "530f8afbc74536b9a963b4f1c4cb738b" },
    {
      name: "14: one zero block",
      key: K0,
      iv: IV0,
      p: "00000000000000000000000000000000",
      a: "",
      c: "cea7403d4d606b6e074ec5d3baf39d18",
      t: "d0d1c8a799996bf0265b98b5d48ab919"
    },
    { name: "15: four blocks", key: K, iv: IV, p: P, a: "", c: C, t: "b094dac5d93471bdec1a502270e3cc6c" },
    {
      name: "16: partial block and AAD",
      key: K,
      iv: IV,
      p: P.slice(0, 120),
      a: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      c: C.slice(0, 120),
      t: "76fc6ece0f4e1768cddf8853bb2d551b"
    }
  ]
  for (const v of cases) {
    it(`test case ${v.name}`, () => {
      const sealed = aes256GcmSeal(v.key, v.iv, hex(v.p), hex(v.a))
      assert.strictEqual(sealed.toString("hex"), v.c + v.t)
      assert.strictEqual(aes256GcmOpen(v.key, v.iv, sealed, hex(v.a))?.toString("hex"), v.p)
    })
  }

  it("a truncated tag is refused, not accepted as a short tag", () => {
    const sealed = aes256GcmSeal(K, IV, hex(P), Buffer.alloc(0))
    assert.isUndefined(aes256GcmOpen(K, IV, sealed.subarray(0, sealed.length - 4), Buffer.alloc(0)))
  })
})

describe("AesGcmSecretBox", () => {
  it.effect("opens the pinned value (format, AAD layout and primitive are fixed)", () =>
    Effect.gen(function* () {
      const box = boxOf(PINNED_RING)
      assert.strictEqual(Redacted.value(yield* box.open(PINNED, AAD)), "JBSWY3DPEHPK3PXP")
      const iv = Buffer.from("oKGio6Slpqeoqaqr", "base64url")
      const resealed = aes256GcmSeal(
        ringOf(PINNED_RING).keys.get("k1")!,
        iv,
        Buffer.from("JBSWY3DPEHPK3PXP"),
        Buffer.from(`v1.k1.${AAD}`)
      )
      assert.strictEqual(`v1.k1.oKGio6Slpqeoqaqr.${resealed.toString("base64url")}`, PINNED)
    })
  )

  it.effect("round trip through the layer; two seals of one plaintext differ", () =>
    Effect.gen(function* () {
      const box = yield* SecretBox
      const a = yield* box.seal(secret("s3cret pässword ✓"), AAD)
      const b = yield* box.seal(secret("s3cret pässword ✓"), AAD)
      assert.notStrictEqual(a, b)
      assert.match(a, /^v1\.main\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/)
      assert.notInclude(a, "s3cret")
      assert.strictEqual(Redacted.value(yield* box.open(a, AAD)), "s3cret pässword ✓")
      assert.strictEqual(Redacted.value(yield* box.open(yield* box.seal(secret("")))), "")
    }).pipe(Effect.provide(layer(secret(`main:${keyA}`))))
  )

  it("round trip property: any text, any associated data", async () => {
    const box = boxOf(keyA)
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 200 }), fc.string(), async (text, aad) => {
        const opened = await Effect.runPromise(
          Effect.flatMap(box.seal(secret(text), aad), (s) => box.open(s, aad))
        )
        return Redacted.value(opened) === text
      }),
      { numRuns: 200 }
    )
  })

  it.effect("tampering with iv, ciphertext, tag, kid, version or AAD fails with a typed error", () =>
    Effect.gen(function* () {
      const box = boxOf(`new:${keyA},old:${keyB}`)
      const sealed = yield* box.seal(secret("the plaintext"), AAD)
      const reasonOf = (value: string, aad = AAD) =>
        Effect.map(Effect.flip(box.open(value, aad)), (e) => `${e._tag}:${e.reason}`)

      assert.strictEqual(yield* reasonOf(withPart(sealed, 2, flipByte(0))), "SecretBoxError:Unauthentic") // iv
      assert.strictEqual(yield* reasonOf(withPart(sealed, 3, flipByte(0))), "SecretBoxError:Unauthentic") // ciphertext
      assert.strictEqual(yield* reasonOf(withPart(sealed, 3, flipByte(-1))), "SecretBoxError:Unauthentic") // tag
      assert.strictEqual(yield* reasonOf(withPart(sealed, 1, () => "old")), "SecretBoxError:Unauthentic") // other key
      assert.strictEqual(yield* reasonOf(withPart(sealed, 1, () => "gone")), "SecretBoxError:UnknownKey")
      assert.strictEqual(yield* reasonOf(withPart(sealed, 0, () => "v2")), "SecretBoxError:Malformed")
      assert.strictEqual(yield* reasonOf(sealed, "tenant-2/user-1/totp"), "SecretBoxError:Unauthentic")
      assert.strictEqual(yield* reasonOf(sealed, ""), "SecretBoxError:Unauthentic")
      assert.strictEqual(
        yield* reasonOf(withPart(sealed, 3, (p) => p.slice(0, 10))),
        "SecretBoxError:Malformed"
      ) // < tag
      for (const broken of [
        "",
        "v1",
        "v1.new",
        "v1.new.x.y",
        `${sealed}.extra`,
        sealed.replace(/\./g, ":")
      ]) {
        assert.strictEqual(yield* reasonOf(broken), "SecretBoxError:Malformed", broken)
      }
      // the untouched value still opens
      assert.strictEqual(Redacted.value(yield* box.open(sealed, AAD)), "the plaintext")
    })
  )

  it("changing any single character of a sealed value makes open fail", async () => {
    const box = boxOf(`new:${keyA},old:${keyB}`)
    const sealed = Effect.runSync(box.seal(secret("JBSWY3DPEHPK3PXP"), AAD))
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.="
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sealed.length - 1 }), fc.constantFrom(...alphabet), async (at, char) => {
        fc.pre(sealed[at] !== char)
        const tampered = `${sealed.slice(0, at)}${char}${sealed.slice(at + 1)}`
        const exit = await Effect.runPromiseExit(box.open(tampered, AAD))
        return exit._tag === "Failure"
      }),
      { numRuns: 500 }
    )
  })

  it.effect("a non-canonical encoding of the same bytes is refused, so every character counts", () =>
    Effect.gen(function* () {
      const box = boxOf(keyA)
      // 16 bytes of plaintext + 16 of tag = 32 bytes = 43 base64url characters, the last carrying 2 spare bits
      const sealed = yield* box.seal(secret("JBSWY3DPEHPK3PXP"), AAD)
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
      const last = alphabet.indexOf(sealed.at(-1)!)
      const sibling = `${sealed.slice(0, -1)}${alphabet[last ^ 1]}`
      const body = (value: string) => Buffer.from(value.split(".")[3]!, "base64url")
      assert.isTrue(body(sibling).equals(body(sealed)))
      assert.strictEqual((yield* Effect.flip(box.open(sibling, AAD))).reason, "Malformed")
    })
  )

  it.effect("rotation: a value sealed under the old key opens with [new, old]; seal uses the new key", () =>
    Effect.gen(function* () {
      const before = boxOf(`old:${keyB}`)
      const sealedOld = yield* before.seal(secret("legacy"), AAD)
      const after = boxOf(`new:${keyA},old:${keyB}`)
      assert.strictEqual(Redacted.value(yield* after.open(sealedOld, AAD)), "legacy")
      const sealedNew = yield* after.seal(secret("fresh"), AAD)
      assert.isTrue(sealedNew.startsWith("v1.new."))
      // the old key alone cannot open what the new key sealed
      assert.strictEqual((yield* Effect.flip(before.open(sealedNew, AAD))).reason, "UnknownKey")
      // once the old key is dropped, old values are reported as sealed with an unknown key
      const dropped = boxOf(`new:${keyA}`)
      assert.strictEqual((yield* Effect.flip(dropped.open(sealedOld, AAD))).reason, "UnknownKey")
    })
  )
})

describe("parseKeyRing", () => {
  it.effect("a bare key is k1; a list keeps its order, the first is current", () =>
    Effect.gen(function* () {
      const single = yield* parseKeyRing(keyA)
      assert.strictEqual(single.currentKeyId, "k1")
      assert.deepStrictEqual([...single.keys.keys()], ["k1"])
      const ring = yield* parseKeyRing(
        secret(` k2:${keyA} , k1:${Buffer.from(keyB, "base64").toString("base64url")} `)
      )
      assert.strictEqual(ring.currentKeyId, "k2")
      assert.deepStrictEqual([...ring.keys.keys()], ["k2", "k1"])
    })
  )

  it.effect("refuses wrong key lengths, bad base64, bad or duplicate ids, without echoing key material", () =>
    Effect.gen(function* () {
      const short = Buffer.alloc(16, 7).toString("base64")
      const long = Buffer.alloc(64, 7).toString("base64")
      const cases: ReadonlyArray<readonly [string, RegExp]> = [
        [short, /"k1" must be 32 bytes \(AES-256\), got 16/],
        [`k9:${long}`, /"k9" must be 32 bytes \(AES-256\), got 64/],
        ["", /empty/],
        [`k1:${keyA},k1:${keyB}`, /appears twice/],
        [`k1:${keyA},${keyB}`, /needs an id/],
        [`a.b:${keyA}`, /Key 1 has an invalid id/],
        ["k1:not base64!!", /not base64/]
      ]
      for (const [text, message] of cases) {
        const error = yield* Effect.flip(parseKeyRing(text))
        assert.strictEqual(error._tag, "InvalidKeyRing")
        assert.match(error.message, message)
        for (const material of [short, long, keyA, keyB]) assert.notInclude(error.message, material)
      }
    })
  )

  it.effect("the layer fails with InvalidKeyRing for a bad ring", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Effect.provide(
          SecretBox.use((box) => box.seal(secret("x"))),
          layer("k1:AAAA")
        )
      )
      assert.strictEqual(error._tag, "InvalidKeyRing")
    })
  )
})
