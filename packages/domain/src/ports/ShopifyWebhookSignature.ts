import { Context, type Redacted } from "effect"

/**
 * Checks the signature Shopify puts on a webhook (`X-Shopify-Hmac-SHA256`: base64 of HMAC-SHA256 of the raw
 * body with the store's webhook secret). The Shopify adapter implements it; the domain's
 * `receiveShopifyWebhook` decides what a delivery does.
 *
 * Guarantees: `verify` is true exactly when `signature` is the base64 HMAC-SHA256 of `rawBody` under one of
 * `secrets` (a truncated, padded or empty signature is false); every secret is compared in constant time, so
 * the timing tells nothing about which one matched or how much of a wrong signature was right.
 */
export class ShopifyWebhookSignature extends Context.Service<
  ShopifyWebhookSignature,
  {
    readonly verify: (
      rawBody: Uint8Array,
      signature: string,
      secrets: ReadonlyArray<Redacted.Redacted<string>>
    ) => boolean
  }
>()("@gatehouse/domain/ShopifyWebhookSignature") {}
