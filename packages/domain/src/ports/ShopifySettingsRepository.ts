import { Context, type Effect, type Option } from "effect"
import type { TenantId } from "../model/ids.ts"

/**
 * How an organization's codes become Shopify customer tags: each format holds `{value}` once (see
 * `usecases/eshop/tags.ts` for the defaults and the rendering rules).
 */
export interface ShopifyTagFormats {
  /** The organization's PIMS customer code: this tag decides access. */
  readonly customerCode: string
  /** The organization's PIMS customer name (its name when it has none), commas removed. */
  readonly customerName: string
  /** The organization's price code, only when it has one (read by B2B pricing apps). */
  readonly priceCode: string
}

/** A tenant's connection to its own Shopify store. Secrets are stored only sealed by the SecretBox. */
export interface ShopifySettings {
  readonly tenantId: TenantId
  /** The store's `*.myshopify.com` domain, lower-cased. */
  readonly shopDomain: string
  /** The Admin API access token, sealed with `shopifyAccessTokenAad(tenantId)`. */
  readonly sealedAccessToken: string
  readonly apiVersion: string
  /** Replaces the Admin API URL when set (tests point it at the fake Shopify server). */
  readonly endpoint: string | null
  /** The webhook signing secret (the app's client secret), sealed with `shopifyWebhookSecretAad(tenantId)`. */
  readonly sealedWebhookSecret: string | null
  /** The secret replaced by the last rotation, accepted for a grace period after `webhookSecretRotatedAt`. */
  readonly sealedPreviousWebhookSecret: string | null
  readonly webhookSecretRotatedAt: Date | null
  readonly tagFormats: ShopifyTagFormats
  readonly updatedAt: Date
}

/** The SecretBox associated data of a tenant's Admin API token: binds the ciphertext to its row. */
export const shopifyAccessTokenAad = (tenantId: TenantId): string => `${tenantId}/shopify/access-token`

/** The SecretBox associated data of a tenant's webhook secrets (current and previous). */
export const shopifyWebhookSecretAad = (tenantId: TenantId): string => `${tenantId}/shopify/webhook-secret`

/**
 * The Shopify connection of each tenant.
 *
 * Guarantees: at most one row per tenant; `put` inserts or replaces the whole row atomically; `delete` of a
 * missing row does nothing; isolation: every method is keyed by tenant and nothing is returned across
 * tenants; secrets are stored only as the sealed strings given (the store never sees a plaintext).
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class ShopifySettingsRepository extends Context.Service<
  ShopifySettingsRepository,
  {
    readonly find: (tenantId: TenantId) => Effect.Effect<Option.Option<ShopifySettings>>
    readonly put: (settings: ShopifySettings) => Effect.Effect<void>
    readonly delete: (tenantId: TenantId) => Effect.Effect<void>
  }
>()("@gatehouse/domain/ShopifySettingsRepository") {}
