import { Effect, Option } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId, UserId } from "../../model/ids.ts"
import { ShopifyCustomers } from "../../ports/ShopifyCustomers.ts"
import { auditEshop, loadEshopMember } from "./memberAccess.ts"
import { type EshopStatus, eshopStatusOf } from "./status.ts"
import { otherCustomerCodes, sameTag } from "./tags.ts"

/**
 * `POST .../eshop/revoke` (`eshop:manage`): takes the member's store access away by removing this
 * organization's tags from their Shopify customer, and no other tag; the customer and its account stay (they
 * may shop elsewhere in the store). The name and price-code tags go only while no other organization's code
 * is on the customer, since another organization may share them. Works for disabled and expired memberships
 * too; a member without a customer or tags is left as is (nothing audited).
 */
export const revokeEshop = Effect.fn("revokeEshop")(function* (
  actor: Actor,
  organizationId: OrganizationId,
  userId: UserId
) {
  const member = yield* loadEshopMember(actor, organizationId, userId, { grant: false })
  const shopify = yield* ShopifyCustomers
  const { connection, tagFormats } = member.store
  const code = member.tags.customerCode
  const found = yield* shopify.findByEmail(connection, member.user.email)
  if (Option.isNone(found)) {
    const none: { readonly status: EshopStatus } = { status: "no_account" }
    return none
  }
  let customer = found.value
  const shared = otherCustomerCodes(tagFormats, customer.tags, code).length > 0
  const ours = shared ? (code === null ? [] : [code]) : member.tags.all
  const present = customer.tags.filter((tag) => ours.some((mine) => sameTag(tag, mine)))
  if (present.length > 0) {
    customer = yield* shopify.removeTags(connection, customer.id, present)
    yield* auditEshop(member, {
      action: "eshop.revoked",
      details: { customerId: customer.id, tagsRemoved: present.length }
    })
  }
  const result: { readonly status: EshopStatus } = {
    status: eshopStatusOf(Option.some(customer), code)
  }
  return result
})
