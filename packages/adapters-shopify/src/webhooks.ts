import { createHmac, timingSafeEqual } from "node:crypto"
import {
  EshopNotConfigured,
  recordShopifyCustomerEvent,
  SecretBox,
  SHOPIFY_CUSTOMER_TOPICS,
  type ShopifyCustomerEventOutcome,
  type ShopifyCustomerTopic,
  ShopifySettingsRepository,
  shopifyWebhookSecretAad,
  type TenantId,
  WebhookDeduplication
} from "@gatehouse/domain"
import { Clock, Duration, Effect, Option, Redacted, Schema } from "effect"

/**
 * A webhook delivery that is not accepted: `BadSignature` (missing or wrong HMAC; nothing was changed),
 * `NoSecret` (the tenant set no webhook secret), `ShopMismatch` (signed, but for another store),
 * `MalformedPayload` (signed, but without a customer id or a webhook id).
 */
export class WebhookRejected extends Schema.TaggedError<WebhookRejected>()("WebhookRejected", {
  reason: Schema.Literals(["BadSignature", "NoSecret", "ShopMismatch", "MalformedPayload"])
}) {}

/** One delivery as the HTTP route received it: headers as given and the body exactly as its bytes arrived. */
export interface WebhookDelivery {
  readonly tenantId: TenantId
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly rawBody: Uint8Array
}

export type WebhookResult =
  | { readonly _tag: "Processed"; readonly outcome: ShopifyCustomerEventOutcome }
  /** A webhook id seen before (Shopify's retry of a processed delivery, or a replay): nothing done. */
  | { readonly _tag: "Duplicate" }
  /** A topic Gatehouse does not handle: acknowledged, nothing done. */
  | { readonly _tag: "Ignored"; readonly topic: string }

export interface WebhookOptions {
  /** How long the previous secret stays valid after a rotation; default 1 hour (Shopify's switch-over). */
  readonly previousSecretGrace?: Duration.Input
}

const header = (delivery: WebhookDelivery, name: string): string | undefined => {
  const found = Object.entries(delivery.headers).find(([key]) => key.toLowerCase() === name)?.[1]
  return typeof found === "string" ? found : Array.isArray(found) ? found[0] : undefined
}

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

/** `gid://shopify/Customer/<n>` from a payload: `admin_graphql_api_id`, a numeric `id`, or `customerId`. */
const customerIdOf = (payload: unknown): string | undefined => {
  if (typeof payload !== "object" || payload === null) return undefined
  const p = payload as Record<string, unknown>
  for (const value of [p.admin_graphql_api_id, p.customerId, p.customer_id]) {
    if (typeof value === "string" && value.startsWith("gid://shopify/Customer/")) return value
  }
  const id = p.id ?? p.customer_id
  return typeof id === "number" || (typeof id === "string" && /^\d+$/u.test(id))
    ? `gid://shopify/Customer/${id}`
    : undefined
}

const isTopic = (topic: string): topic is ShopifyCustomerTopic =>
  (SHOPIFY_CUSTOMER_TOPICS as ReadonlyArray<string>).includes(topic)

/**
 * Handles a Shopify webhook of the tenant's store, for the HTTP route to call with the raw body: verifies the
 * HMAC against the current secret and, within the grace period after a rotation, the previous one; refuses
 * anything unsigned before it reads the payload (`WebhookRejected`, nothing changed); ignores a webhook id it
 * has seen (`Duplicate`); re-reads the customer and records the event (`recordShopifyCustomerEvent`). When
 * that fails (Shopify unreachable), the id is released so Shopify's retry is processed.
 */
export const handleShopifyWebhook = Effect.fn("handleShopifyWebhook")(function* (
  delivery: WebhookDelivery,
  options: WebhookOptions = {}
) {
  const signature = header(delivery, "x-shopify-hmac-sha256")
  const found = yield* (yield* ShopifySettingsRepository).find(delivery.tenantId)
  if (Option.isNone(found)) return yield* new EshopNotConfigured()
  const settings = found.value
  if (settings.sealedWebhookSecret === null) return yield* new WebhookRejected({ reason: "NoSecret" })
  const box = yield* SecretBox
  const aad = shopifyWebhookSecretAad(delivery.tenantId)
  const secrets = [yield* box.open(settings.sealedWebhookSecret, aad).pipe(Effect.orDie)]
  const now = yield* Clock.currentTimeMillis
  const grace = Duration.toMillis(options.previousSecretGrace ?? "1 hour")
  if (
    settings.sealedPreviousWebhookSecret !== null &&
    settings.webhookSecretRotatedAt !== null &&
    now < settings.webhookSecretRotatedAt.getTime() + grace
  ) {
    secrets.push(yield* box.open(settings.sealedPreviousWebhookSecret, aad).pipe(Effect.orDie))
  }
  if (signature === undefined || !verifyShopifyHmac(delivery.rawBody, signature, secrets)) {
    return yield* new WebhookRejected({ reason: "BadSignature" })
  }
  const shop = header(delivery, "x-shopify-shop-domain")
  if (shop !== undefined && shop.toLowerCase() !== settings.shopDomain) {
    return yield* new WebhookRejected({ reason: "ShopMismatch" })
  }
  const topic = header(delivery, "x-shopify-topic") ?? ""
  if (!isTopic(topic)) {
    const ignored: WebhookResult = { _tag: "Ignored", topic }
    return ignored
  }
  const webhookId = header(delivery, "x-shopify-webhook-id")
  let payload: unknown
  try {
    payload = JSON.parse(new TextDecoder().decode(delivery.rawBody))
  } catch {
    payload = undefined
  }
  const customerId = customerIdOf(payload)
  if (webhookId === undefined || customerId === undefined) {
    return yield* new WebhookRejected({ reason: "MalformedPayload" })
  }
  const deduplication = yield* WebhookDeduplication
  if (!(yield* deduplication.claim(delivery.tenantId, webhookId))) {
    const duplicate: WebhookResult = { _tag: "Duplicate" }
    return duplicate
  }
  const outcome = yield* recordShopifyCustomerEvent(delivery.tenantId, { topic, webhookId, customerId }).pipe(
    Effect.onError(() => deduplication.release(delivery.tenantId, webhookId))
  )
  const processed: WebhookResult = { _tag: "Processed", outcome }
  return processed
})
