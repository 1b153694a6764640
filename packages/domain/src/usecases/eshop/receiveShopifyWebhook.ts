import { Clock, Context, Duration, Effect, Option, Schema } from "effect"
import type { TenantId } from "../../model/ids.ts"
import type { TenantSlug } from "../../model/tenant.ts"
import { SecretBox } from "../../ports/SecretBox.ts"
import { ShopifySettingsRepository, shopifyWebhookSecretAad } from "../../ports/ShopifySettingsRepository.ts"
import { ShopifyWebhookSignature } from "../../ports/ShopifyWebhookSignature.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { WebhookDeduplication } from "../../ports/WebhookDeduplication.ts"
import { EshopNotConfigured } from "./errors.ts"
import {
  recordShopifyCustomerEvent,
  SHOPIFY_CUSTOMER_TOPICS,
  type ShopifyCustomerEventOutcome,
  type ShopifyCustomerTopic
} from "./shopifyCustomerEvent.ts"

/**
 * A webhook delivery that is not accepted: `BadSignature` (missing or wrong HMAC; nothing was changed),
 * `NoSecret` (the tenant set no webhook secret), `ShopMismatch` (signed, but for another store),
 * `MalformedPayload` (signed, but without a customer id or a webhook id).
 */
export class WebhookRejected extends Schema.TaggedError<WebhookRejected>()("WebhookRejected", {
  reason: Schema.Literals(["BadSignature", "NoSecret", "ShopMismatch", "MalformedPayload"])
}) {}

/** One delivery as the HTTP route received it: the tenant's slug, headers as given, the body's exact bytes. */
export interface ShopifyWebhookDelivery {
  readonly tenantSlug: TenantSlug
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly rawBody: Uint8Array
}

export type ShopifyWebhookResult =
  | { readonly _tag: "Processed"; readonly outcome: ShopifyCustomerEventOutcome }
  /** A webhook id seen before (Shopify's retry of a processed delivery, or a replay): nothing done. */
  | { readonly _tag: "Duplicate" }
  /** A topic Gatehouse does not handle: acknowledged, nothing done. */
  | { readonly _tag: "Ignored"; readonly topic: string }

/** How long the previous webhook secret stays valid after a rotation: 1 hour (Shopify's switch-over). */
export const ShopifyWebhookSecretGrace: Context.Reference<Duration.Duration> =
  Context.Reference<Duration.Duration>("@gatehouse/domain/ShopifyWebhookSecretGrace", {
    defaultValue: () => Duration.hours(1)
  })

const header = (delivery: ShopifyWebhookDelivery, name: string): string | undefined => {
  const found = Object.entries(delivery.headers).find(([key]) => key.toLowerCase() === name)?.[1]
  return typeof found === "string" ? found : Array.isArray(found) ? found[0] : undefined
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

const parseJson = (bytes: Uint8Array): unknown => {
  try {
    return JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return undefined
  }
}

const isTopic = (topic: string): topic is ShopifyCustomerTopic =>
  (SHOPIFY_CUSTOMER_TOPICS as ReadonlyArray<string>).includes(topic)

/** The store's current webhook secret and, within the grace period after a rotation, the previous one. */
const webhookSecrets = Effect.fnUntraced(function* (tenantId: TenantId) {
  const found = yield* (yield* ShopifySettingsRepository).find(tenantId)
  if (Option.isNone(found)) return yield* new EshopNotConfigured()
  const settings = found.value
  if (settings.sealedWebhookSecret === null) return yield* new WebhookRejected({ reason: "NoSecret" })
  const box = yield* SecretBox
  const aad = shopifyWebhookSecretAad(tenantId)
  const secrets = [yield* box.open(settings.sealedWebhookSecret, aad).pipe(Effect.orDie)]
  const now = yield* Clock.currentTimeMillis
  const grace = Duration.toMillis(yield* ShopifyWebhookSecretGrace)
  const rotatedAt = settings.webhookSecretRotatedAt
  if (
    settings.sealedPreviousWebhookSecret !== null &&
    rotatedAt !== null &&
    now < rotatedAt.getTime() + grace
  ) {
    secrets.push(yield* box.open(settings.sealedPreviousWebhookSecret, aad).pipe(Effect.orDie))
  }
  return { secrets, shopDomain: settings.shopDomain }
})

/**
 * Receives a Shopify customer webhook of a tenant's store (the route passes the raw body): verifies the HMAC
 * (`ShopifyWebhookSignature`) against the current secret and, within `ShopifyWebhookSecretGrace` after a
 * rotation, the previous one; refuses anything unsigned before it reads the payload (`WebhookRejected`,
 * nothing changed); ignores a webhook id it has seen (`Duplicate`); re-reads the customer and records the
 * event (`recordShopifyCustomerEvent`). When that fails (Shopify unreachable), the id is released so Shopify's
 * retry is processed. An unknown tenant and a tenant without a store are both `EshopNotConfigured`.
 */
export const receiveShopifyWebhook = Effect.fn("receiveShopifyWebhook")(function* (
  delivery: ShopifyWebhookDelivery
) {
  const tenant = yield* (yield* TenantRepository).findBySlug(delivery.tenantSlug)
  if (Option.isNone(tenant)) return yield* new EshopNotConfigured()
  const tenantId = tenant.value.id
  const { secrets, shopDomain } = yield* webhookSecrets(tenantId)
  const signature = header(delivery, "x-shopify-hmac-sha256")
  const signatures = yield* ShopifyWebhookSignature
  if (signature === undefined || !signatures.verify(delivery.rawBody, signature, secrets)) {
    return yield* new WebhookRejected({ reason: "BadSignature" })
  }
  const shop = header(delivery, "x-shopify-shop-domain")
  if (shop !== undefined && shop.toLowerCase() !== shopDomain) {
    return yield* new WebhookRejected({ reason: "ShopMismatch" })
  }
  const topic = header(delivery, "x-shopify-topic") ?? ""
  if (!isTopic(topic)) {
    const ignored: ShopifyWebhookResult = { _tag: "Ignored", topic }
    return ignored
  }
  const webhookId = header(delivery, "x-shopify-webhook-id")
  const customerId = customerIdOf(parseJson(delivery.rawBody))
  if (webhookId === undefined || customerId === undefined) {
    return yield* new WebhookRejected({ reason: "MalformedPayload" })
  }
  const deduplication = yield* WebhookDeduplication
  if (!(yield* deduplication.claim(tenantId, webhookId))) {
    const duplicate: ShopifyWebhookResult = { _tag: "Duplicate" }
    return duplicate
  }
  const outcome = yield* recordShopifyCustomerEvent(tenantId, { topic, webhookId, customerId }).pipe(
    Effect.onError(() => deduplication.release(tenantId, webhookId))
  )
  const processed: ShopifyWebhookResult = { _tag: "Processed", outcome }
  return processed
})
