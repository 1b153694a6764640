import { createHmac, timingSafeEqual } from "node:crypto"
import { ShopifyWebhookSignature } from "@gatehouse/domain"
import { Layer, Redacted } from "effect"

const SHA256_BYTES = 32

/**
 * Whether `signature` (the `X-Shopify-Hmac-SHA256` header: base64 of HMAC-SHA256 of the raw body) was made with
 * one of `secrets`. Every secret is compared, each in constant time, so the timing tells nothing.
 */
export const verifyShopifyHmac = (
  rawBody: Uint8Array,
  signature: string,
  secrets: ReadonlyArray<Redacted.Redacted<string>>
): boolean => {
  const given = Buffer.from(signature, "base64")
  const comparable = given.length === SHA256_BYTES ? given : Buffer.alloc(SHA256_BYTES)
  let valid = false
  for (const secret of secrets) {
    const expected = createHmac("sha256", Redacted.value(secret)).update(rawBody).digest()
    valid = timingSafeEqual(expected, comparable) || valid
  }
  return valid && given.length === SHA256_BYTES
}

/** The domain's `ShopifyWebhookSignature` port by node:crypto (part of `layer()`). */
export const layerWebhookSignature: Layer.Layer<ShopifyWebhookSignature> = Layer.succeed(
  ShopifyWebhookSignature,
  ShopifyWebhookSignature.of({ verify: verifyShopifyHmac })
)
