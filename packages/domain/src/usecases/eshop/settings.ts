import { Effect, Option, Redacted, Schema, SchemaTransformation, Struct } from "effect"
import { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import { OutboundCalls, OutboundUrlRefused } from "../../ports/OutboundCalls.ts"
import { SecretBox } from "../../ports/SecretBox.ts"
import { DEFAULT_SHOPIFY_API_VERSION } from "../../ports/ShopifyCustomers.ts"
import {
  type ShopifySettings,
  ShopifySettingsRepository,
  type ShopifyTagFormats,
  shopifyAccessTokenAad,
  shopifyWebhookSecretAad
} from "../../ports/ShopifySettingsRepository.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { defaultTagFormats, TagFormat, tagFormatsProblem } from "./tags.ts"

/** A store's `*.myshopify.com` domain (the Admin API answers only there), trimmed and lower-cased. */
export const ShopDomain = Schema.String.pipe(
  Schema.decodeTo(
    Schema.String.check(
      Schema.isPattern(/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?\.myshopify\.com$/u, {
        message: "Expected the store's myshopify.com domain, e.g. acme.myshopify.com"
      })
    ),
    SchemaTransformation.composeTransformation(
      SchemaTransformation.trim(),
      SchemaTransformation.toLowerCase()
    )
  )
)

/** A stable Admin API version (`YYYY-01|04|07|10`) or `unstable`. */
export const ShopifyApiVersion = Schema.String.check(
  Schema.isPattern(/^(?:\d{4}-(?:01|04|07|10)|unstable)$/u, { message: "Expected a version such as 2026-07" })
)

const isHttpUrl = (value: string): boolean => {
  if (!URL.canParse(value)) return false
  const url = new URL(value)
  return (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === ""
}

/**
 * A full Admin API URL replacing the store's own (a proxy; tests point it at the fake Shopify server). The
 * outbound rule applies when it is saved and at every call.
 */
export const ShopifyEndpoint = Schema.String.check(
  Schema.isMaxLength(2000),
  Schema.makeFilter(isHttpUrl, { message: "Expected an http(s) URL without credentials" })
)

const Secret = Schema.RedactedFromValue(Schema.String.check(Schema.isBetweenLength(1, 1000)))

export const PutShopifySettingsInput = Schema.Struct({
  shopDomain: ShopDomain,
  /** Required when no token is stored yet, or when the store changes; absent otherwise keeps the stored one. */
  accessToken: Schema.optionalKey(Secret),
  /** Absent: the default, 2026-07. */
  apiVersion: Schema.optionalKey(ShopifyApiVersion),
  /** Absent: unchanged; null: removed; a value: the new secret, the current one kept as previous for an hour. */
  webhookSecret: Schema.optionalKey(Schema.NullOr(Secret)),
  /** Each absent format takes its default. */
  tagFormats: Schema.optionalKey(
    Schema.Struct({
      customerCode: Schema.optionalKey(TagFormat),
      customerName: Schema.optionalKey(TagFormat),
      priceCode: Schema.optionalKey(TagFormat)
    })
  ),
  /** Absent or null: the store's own Admin API URL. */
  endpoint: Schema.optionalKey(Schema.NullOr(ShopifyEndpoint))
})
export type PutShopifySettingsInput = typeof PutShopifySettingsInput.Type

const decodeSettings = Schema.Struct(
  Struct.omit(PutShopifySettingsInput.fields, ["accessToken", "webhookSecret"])
)

/** The settings as `GET` returns them: secrets are write-only, only whether they are set shows. */
export interface ShopifySettingsView {
  readonly connected: boolean
  readonly shopDomain: string | null
  readonly apiVersion: string
  readonly endpoint: string | null
  readonly tagFormats: ShopifyTagFormats
  readonly accessTokenSet: boolean
  readonly webhookSecretSet: boolean
}

const toView = (settings: Option.Option<ShopifySettings>): ShopifySettingsView =>
  Option.match(settings, {
    onNone: () => ({
      connected: false,
      shopDomain: null,
      apiVersion: DEFAULT_SHOPIFY_API_VERSION,
      endpoint: null,
      tagFormats: defaultTagFormats,
      accessTokenSet: false,
      webhookSecretSet: false
    }),
    onSome: (s) => ({
      connected: true,
      shopDomain: s.shopDomain,
      apiVersion: s.apiVersion,
      endpoint: s.endpoint,
      tagFormats: s.tagFormats,
      accessTokenSet: true,
      webhookSecretSet: s.sealedWebhookSecret !== null
    })
  })

const secretProblem = (path: string, secret: Redacted.Redacted<string> | null | undefined) => {
  if (secret === undefined || secret === null) return []
  const length = Redacted.value(secret).length
  return length >= 1 && length <= 1000 ? [] : [{ path, message: "Expected 1 to 1000 characters" }]
}

/** `GET /v1/settings/shopify` (`settings:manage`). */
export const getShopifySettings = Effect.fn("getShopifySettings")(function* (actor: Actor) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "settings:manage")
      return toView(yield* (yield* ShopifySettingsRepository).find(context.tenant.id))
    })
  )
})

/**
 * `PUT /v1/settings/shopify` (`settings:manage`): connects the tenant's own store. An `endpoint` must pass the
 * outbound rule (`OutboundUrlRefused`, nothing saved). Secrets are sealed (their
 * associated data binds them to the tenant) and never returned; a new webhook secret keeps the current one as
 * the previous secret, accepted for an hour while Shopify switches over.
 */
export const putShopifySettings = Effect.fn("putShopifySettings")(function* (
  actor: Actor,
  input: PutShopifySettingsInput
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "settings:manage")
      const { accessToken, webhookSecret, ...rest } = input
      const data = yield* decodeInput(decodeSettings, rest)
      const tenantId = context.tenant.id
      const repository = yield* ShopifySettingsRepository
      const current = Option.getOrUndefined(yield* repository.find(tenantId))
      const storeChanged = current === undefined || current.shopDomain !== data.shopDomain
      const tagFormats: ShopifyTagFormats = { ...defaultTagFormats, ...data.tagFormats }
      const errors = [
        ...secretProblem("accessToken", accessToken),
        ...secretProblem("webhookSecret", webhookSecret),
        ...(accessToken === undefined && storeChanged
          ? [{ path: "accessToken", message: "Required for a newly connected store" }]
          : []),
        ...[tagFormatsProblem(tagFormats)].filter((problem) => problem !== undefined)
      ]
      if (errors.length > 0) return yield* new InvalidInput({ errors })
      // An endpoint the server would not call is refused now, never accepted and then ignored.
      if (data.endpoint !== undefined && data.endpoint !== null) {
        yield* (yield* OutboundCalls)
          .check(data.endpoint)
          .pipe(Effect.mapError((refused) => new OutboundUrlRefused({ ...refused, path: "endpoint" })))
      }

      const box = yield* SecretBox
      const sealedAccessToken =
        accessToken === undefined
          ? (current as ShopifySettings).sealedAccessToken
          : yield* box.seal(accessToken, shopifyAccessTokenAad(tenantId))
      const secrets =
        webhookSecret === undefined
          ? {
              sealedWebhookSecret: current?.sealedWebhookSecret ?? null,
              sealedPreviousWebhookSecret: current?.sealedPreviousWebhookSecret ?? null,
              webhookSecretRotatedAt: current?.webhookSecretRotatedAt ?? null
            }
          : webhookSecret === null
            ? { sealedWebhookSecret: null, sealedPreviousWebhookSecret: null, webhookSecretRotatedAt: null }
            : {
                sealedWebhookSecret: yield* box.seal(webhookSecret, shopifyWebhookSecretAad(tenantId)),
                sealedPreviousWebhookSecret: current?.sealedWebhookSecret ?? null,
                webhookSecretRotatedAt: current?.sealedWebhookSecret ? context.now : null
              }
      const next: ShopifySettings = {
        tenantId,
        shopDomain: data.shopDomain,
        sealedAccessToken,
        apiVersion: data.apiVersion ?? DEFAULT_SHOPIFY_API_VERSION,
        endpoint: data.endpoint ?? null,
        ...secrets,
        tagFormats,
        updatedAt: context.now
      }
      yield* repository.put(next)
      yield* auditBy(context, {
        action: "eshop.settings_updated",
        targetType: "tenant",
        targetId: tenantId,
        details: {
          shopDomain: next.shopDomain,
          apiVersion: next.apiVersion,
          // the URL may carry a key in its query: only whether one is set is recorded
          endpointSet: next.endpoint !== null,
          accessToken: accessToken === undefined ? "unchanged" : "set",
          webhookSecret:
            webhookSecret === undefined ? "unchanged" : webhookSecret === null ? "cleared" : "set",
          tagFormats: { ...tagFormats }
        }
      })
      return toView(Option.some(next))
    })
  )
})
