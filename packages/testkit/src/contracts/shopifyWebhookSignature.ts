import { assert, describe, it } from "@effect/vitest"
import type { ShopifyWebhookSignature } from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import fc from "fast-check"

const utf8 = (text: string) => new TextEncoder().encode(text)
const secret = (value: string) => Redacted.make(value)

/** Base64 HMAC-SHA256 by Web Crypto: the reference an implementation must agree with. */
const referenceSignature = async (key: string, body: Uint8Array): Promise<string> => {
  const imported = await crypto.subtle.importKey("raw", utf8(key), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign"
  ])
  return Buffer.from(await crypto.subtle.sign("HMAC", imported, new Uint8Array(body))).toString("base64")
}

/** RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?". */
const RFC4231_CASE_2 = Buffer.from("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "hex")

/**
 * The `ShopifyWebhookSignature` guarantees: the RFC 4231 known answer in base64, any of several secrets, and
 * refusal of a wrong key, a flipped bit, a truncated, empty or over-long signature; agreement with Web Crypto's
 * HMAC for any body and key (a property).
 */
export const shopifyWebhookSignatureContract = (
  name: string,
  implementation: ShopifyWebhookSignature["Service"]
): void => {
  describe(`ShopifyWebhookSignature contract (${name})`, () => {
    const body = utf8("what do ya want for nothing?")
    const signature = RFC4231_CASE_2.toString("base64")

    it("known answer: RFC 4231 test case 2, with one secret or among several", () => {
      assert.isTrue(implementation.verify(body, signature, [secret("Jefe")]))
      assert.isTrue(implementation.verify(body, signature, [secret("other"), secret("Jefe")]))
    })

    it("refuses a wrong key, a flipped bit, a truncated, empty or longer signature, and no secret", () => {
      assert.isFalse(implementation.verify(body, signature, [secret("jefe")]))
      const flipped = Buffer.from(RFC4231_CASE_2)
      flipped[0] = (flipped[0] ?? 0) ^ 1
      assert.isFalse(implementation.verify(body, flipped.toString("base64"), [secret("Jefe")]))
      assert.isFalse(
        implementation.verify(body, RFC4231_CASE_2.subarray(0, 31).toString("base64"), [secret("Jefe")])
      )
      assert.isFalse(implementation.verify(body, "", [secret("Jefe")]))
      const longer = Buffer.concat([RFC4231_CASE_2, Buffer.from([0])]).toString("base64")
      assert.isFalse(implementation.verify(body, longer, [secret("Jefe")]))
      assert.isFalse(implementation.verify(body, signature, []))
    })

    it.effect("agrees with Web Crypto's HMAC-SHA256 for any body and key (property)", () =>
      Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(
            fc.uint8Array({ maxLength: 300 }),
            fc.string({ minLength: 1, maxLength: 40 }),
            async (bytes, key) => {
              const good = await referenceSignature(key, bytes)
              assert.isTrue(implementation.verify(bytes, good, [secret(key)]))
              assert.isFalse(implementation.verify(bytes, good, [secret(`${key}!`)]))
            }
          ),
          { numRuns: 200 }
        )
      )
    )
  })
}
