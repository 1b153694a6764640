import { Effect, Redacted } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId, UserId } from "../../model/ids.ts"
import { ShopifyCustomers, ShopifyRejected } from "../../ports/ShopifyCustomers.ts"
import { invitedCustomer } from "./invitedCustomer.ts"
import { auditEshop, loadEshopMember } from "./memberAccess.ts"

/**
 * `POST .../eshop/activation-url` (`eshop:manage`): a link the admin can pass on when the email did not
 * arrive. Classic customer accounts: a new one-time activation URL (valid 30 days; the previous one, also the
 * emailed one, stops working); new customer accounts: the store's sign-in URL. Needs an invited member.
 */
export const eshopActivationUrl = Effect.fn("eshopActivationUrl")(function* (
  actor: Actor,
  organizationId: OrganizationId,
  userId: UserId
) {
  const member = yield* loadEshopMember(actor, organizationId, userId, { grant: true })
  const shopify = yield* ShopifyCustomers
  const { connection } = member.store
  const customer = yield* invitedCustomer(member)
  const accounts = yield* shopify.customerAccounts(connection)
  if (accounts.version === "NEW_CUSTOMER_ACCOUNTS") {
    if (accounts.url === null) {
      return yield* new ShopifyRejected({
        operation: "shop",
        reason: "InvalidRequest",
        messages: ["The store has no customer accounts URL"]
      })
    }
    const shared: { readonly activationUrl: Redacted.Redacted<string> } = {
      activationUrl: Redacted.make(accounts.url)
    }
    return shared
  }
  const activationUrl = yield* shopify.activationUrl(connection, customer.id)
  yield* auditEshop(member, {
    action: "eshop.activation_url_generated",
    details: { customerId: customer.id }
  })
  const result: { readonly activationUrl: Redacted.Redacted<string> } = { activationUrl }
  return result
})
