import { type ShopifySettings, ShopifySettingsRepository } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { firstRow } from "./rows.ts"

interface SettingsRow {
  readonly tenant_id: string
  readonly shop_domain: string
  readonly sealed_access_token: string
  readonly api_version: string
  readonly endpoint: string | null
  readonly sealed_webhook_secret: string | null
  readonly sealed_previous_webhook_secret: string | null
  readonly webhook_secret_rotated_at: Date | null
  readonly tag_formats: ShopifySettings["tagFormats"]
  readonly updated_at: Date
}

const COLUMNS = `tenant_id, shop_domain, sealed_access_token, api_version, endpoint, sealed_webhook_secret,
  sealed_previous_webhook_secret, webhook_secret_rotated_at, tag_formats, updated_at`

const toSettings = (row: SettingsRow): ShopifySettings =>
  ({
    tenantId: row.tenant_id,
    shopDomain: row.shop_domain,
    sealedAccessToken: row.sealed_access_token,
    apiVersion: row.api_version,
    endpoint: row.endpoint,
    sealedWebhookSecret: row.sealed_webhook_secret,
    sealedPreviousWebhookSecret: row.sealed_previous_webhook_secret,
    webhookSecretRotatedAt: row.webhook_secret_rotated_at,
    tagFormats: row.tag_formats,
    updatedAt: row.updated_at
  }) as ShopifySettings

/** Each tenant's Shopify connection on PostgreSQL: one row per tenant, replaced whole by one upsert. */
export const layer: Layer.Layer<ShopifySettingsRepository, never, Database> = Layer.effect(
  ShopifySettingsRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return ShopifySettingsRepository.of({
      find: (tenantId) =>
        db
          .query<SettingsRow>(tenantId, `SELECT ${COLUMNS} FROM shopify_settings WHERE tenant_id = $1`, [
            tenantId
          ])
          .pipe(Effect.map(firstRow(toSettings))),
      put: (s) =>
        db
          .query(
            s.tenantId,
            `INSERT INTO shopify_settings (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT ON CONSTRAINT shopify_settings_pkey DO UPDATE SET shop_domain = EXCLUDED.shop_domain,
               sealed_access_token = EXCLUDED.sealed_access_token, api_version = EXCLUDED.api_version,
               endpoint = EXCLUDED.endpoint, sealed_webhook_secret = EXCLUDED.sealed_webhook_secret,
               sealed_previous_webhook_secret = EXCLUDED.sealed_previous_webhook_secret,
               webhook_secret_rotated_at = EXCLUDED.webhook_secret_rotated_at,
               tag_formats = EXCLUDED.tag_formats, updated_at = EXCLUDED.updated_at`,
            [
              s.tenantId,
              s.shopDomain,
              s.sealedAccessToken,
              s.apiVersion,
              s.endpoint,
              s.sealedWebhookSecret,
              s.sealedPreviousWebhookSecret,
              s.webhookSecretRotatedAt,
              JSON.stringify(s.tagFormats),
              s.updatedAt
            ]
          )
          .pipe(Effect.asVoid),
      delete: (tenantId) =>
        db
          .query(tenantId, "DELETE FROM shopify_settings WHERE tenant_id = $1", [tenantId])
          .pipe(Effect.asVoid)
    })
  })
)
