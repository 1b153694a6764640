import { Effect, Option } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId } from "../../model/ids.ts"
import { ShopifySettingsRepository } from "../../ports/ShopifySettingsRepository.ts"
import { findOrganization } from "../memberships/memberAccess.ts"
import { authenticate, requirePermissionIn } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"

/**
 * `GET /v1/organizations/{orgId}/eshop` (`eshop:manage` tenant-wide or in the organization): whether the tenant
 * has an online store connected, so a portal page shows its eShop columns only then (001). Only that is
 * answered, never the store's settings (those need `settings:manage`); Shopify is not called.
 */
export const eshopAvailability = Effect.fn("eshopAvailability")(function* (
  actor: Actor,
  organizationId: OrganizationId
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermissionIn(context, organizationId, "eshop:manage")
      yield* findOrganization(context, organizationId)
      const settings = yield* (yield* ShopifySettingsRepository).find(context.tenant.id)
      const result: { readonly configured: boolean } = { configured: Option.isSome(settings) }
      return result
    })
  )
})
