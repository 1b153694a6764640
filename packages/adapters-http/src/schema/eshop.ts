import { type EshopStatus as DomainEshopStatus, TenantSlug } from "@gatehouse/domain"
import { Schema } from "effect"

// The eShop routes' shapes: the use cases return plain interfaces (and a Redacted activation URL), so their
// response Schemas are written here, field for field.

export const EshopStatus: Schema.Codec<DomainEshopStatus> = Schema.Literals([
  "no_account",
  "invited",
  "active",
  "inactive"
])

/** `GET .../eshop`, `POST .../eshop/resend`, `POST .../eshop/revoke`. */
export const EshopStatusResponse = Schema.Struct({ status: EshopStatus })

/** `GET /v1/organizations/{orgId}/eshop`: whether the tenant has a store, nothing about it. */
export const EshopAvailabilityResponse = Schema.Struct({ configured: Schema.Boolean })

/** `POST .../eshop/invite`. */
export const EshopInvitationResponse = Schema.Struct({
  status: EshopStatus,
  /** A one-time activation URL (classic customer accounts) or the store's sign-in URL; null when active. */
  activationUrl: Schema.NullOr(Schema.String),
  /** Whether an invitation email went out (Shopify's, or ours on new customer accounts). */
  emailSent: Schema.Boolean
})

/** `POST .../eshop/activation-url`. */
export const EshopActivationUrlResponse = Schema.Struct({ activationUrl: Schema.String })

/** `GET|PUT /v1/settings/shopify`: the secrets are write-only, only whether they are set shows. */
export const ShopifySettingsResponse = Schema.Struct({
  connected: Schema.Boolean,
  shopDomain: Schema.NullOr(Schema.String),
  apiVersion: Schema.String,
  endpoint: Schema.NullOr(Schema.String),
  tagFormats: Schema.Struct({
    customerCode: Schema.String,
    customerName: Schema.String,
    priceCode: Schema.String
  }),
  accessTokenSet: Schema.Boolean,
  webhookSecretSet: Schema.Boolean
})

/** `POST /v1/webhooks/shopify/{tenantSlug}`. */
export const WebhookParams = Schema.Struct({ tenantSlug: TenantSlug })

/** What became of an accepted webhook delivery (every one of them is a 200: Shopify retries anything else). */
export const WebhookResponse = Schema.Struct({
  status: Schema.Literals(["processed", "duplicate", "ignored"])
})
