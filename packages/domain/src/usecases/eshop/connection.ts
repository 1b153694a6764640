import { Effect, Option } from "effect"
import type { TenantId } from "../../model/ids.ts"
import { SecretBox } from "../../ports/SecretBox.ts"
import type { ShopifyConnection } from "../../ports/ShopifyCustomers.ts"
import {
  type ShopifySettings,
  ShopifySettingsRepository,
  type ShopifyTagFormats,
  shopifyAccessTokenAad
} from "../../ports/ShopifySettingsRepository.ts"
import { EshopNotConfigured } from "./errors.ts"

/** A tenant's store as the eShop use cases need it: how to reach it, and how its tags look. */
export interface ConnectedStore {
  readonly settings: ShopifySettings
  readonly connection: ShopifyConnection
  readonly tagFormats: ShopifyTagFormats
}

/**
 * The tenant's connected store, with its access token opened; `EshopNotConfigured` when there is none. A token
 * that no longer opens (its key was removed from the configuration) is a defect of the deployment.
 */
export const connectedStore = Effect.fnUntraced(function* (tenantId: TenantId) {
  const found = yield* (yield* ShopifySettingsRepository).find(tenantId)
  if (Option.isNone(found)) return yield* new EshopNotConfigured()
  const settings = found.value
  const accessToken = yield* (yield* SecretBox)
    .open(settings.sealedAccessToken, shopifyAccessTokenAad(tenantId))
    .pipe(Effect.orDie)
  const connection: ShopifyConnection = {
    shopDomain: settings.shopDomain,
    accessToken,
    apiVersion: settings.apiVersion,
    ...(settings.endpoint === null ? {} : { endpoint: settings.endpoint })
  }
  const store: ConnectedStore = { settings, connection, tagFormats: settings.tagFormats }
  return store
})
