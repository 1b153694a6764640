import {
  DEFAULT_SHOPIFY_API_VERSION,
  defaultTagFormats,
  SecretBox,
  type ShopifySettings,
  ShopifySettingsRepository,
  type ShopifyTagFormats,
  shopifyAccessTokenAad,
  shopifyWebhookSecretAad,
  type TenantId
} from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import type { FakeShopify } from "./index.ts"

/**
 * Connects a tenant to a fake Shopify server straight through the settings repository (no use case, no
 * audit): its domain, its token and its endpoint, plus a webhook secret and tag formats when given.
 */
export const connectFakeShopify = (
  tenantId: TenantId,
  fake: Pick<FakeShopify, "shopDomain" | "accessToken" | "endpoint">,
  options: {
    readonly webhookSecret?: string
    readonly tagFormats?: Partial<ShopifyTagFormats>
    readonly accessToken?: string
  } = {}
): Effect.Effect<ShopifySettings, never, ShopifySettingsRepository | SecretBox> =>
  Effect.gen(function* () {
    const box = yield* SecretBox
    const settings: ShopifySettings = {
      tenantId,
      shopDomain: fake.shopDomain,
      sealedAccessToken: yield* box.seal(
        Redacted.make(options.accessToken ?? fake.accessToken),
        shopifyAccessTokenAad(tenantId)
      ),
      apiVersion: DEFAULT_SHOPIFY_API_VERSION,
      endpoint: fake.endpoint(),
      sealedWebhookSecret:
        options.webhookSecret === undefined
          ? null
          : yield* box.seal(Redacted.make(options.webhookSecret), shopifyWebhookSecretAad(tenantId)),
      sealedPreviousWebhookSecret: null,
      webhookSecretRotatedAt: null,
      tagFormats: { ...defaultTagFormats, ...options.tagFormats },
      updatedAt: new Date("2026-01-01T00:00:00.000Z")
    }
    yield* (yield* ShopifySettingsRepository).put(settings)
    return settings
  })
