import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId, UserId } from "../../model/ids.ts"
import { ShopifyCustomers } from "../../ports/ShopifyCustomers.ts"
import { loadEshopMember } from "./memberAccess.ts"
import { type EshopStatus, eshopStatusOf } from "./status.ts"

/**
 * `GET /v1/organizations/{orgId}/members/{userId}/eshop` (`eshop:manage`): the member's store status, read
 * live from Shopify with one exact lookup (`no_account | invited | active | inactive`, see `eshopStatusOf`).
 */
export const eshopStatus = Effect.fn("eshopStatus")(function* (
  actor: Actor,
  organizationId: OrganizationId,
  userId: UserId
) {
  const member = yield* loadEshopMember(actor, organizationId, userId, { grant: false })
  const customer = yield* (yield* ShopifyCustomers).findByEmail(member.store.connection, member.user.email)
  const result: { readonly status: EshopStatus } = {
    status: eshopStatusOf(customer, member.tags.customerCode)
  }
  return result
})
