import { Effect, Redacted } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId, UserId } from "../../model/ids.ts"
import { ShopifyCustomers } from "../../ports/ShopifyCustomers.ts"
import { loadInvitedMember } from "./invitedCustomer.ts"
import { auditEshop } from "./memberAccess.ts"
import { signInUrl } from "./signInUrl.ts"

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
  const { member, customer, accounts } = yield* loadInvitedMember(actor, organizationId, userId)
  if (accounts.version === "NEW_CUSTOMER_ACCOUNTS") {
    const shared: { readonly activationUrl: Redacted.Redacted<string> } = {
      activationUrl: Redacted.make(yield* signInUrl(accounts))
    }
    return shared
  }
  const activationUrl = yield* (yield* ShopifyCustomers).activationUrl(member.store.connection, customer.id)
  yield* auditEshop(member, {
    action: "eshop.activation_url_generated",
    details: { customerId: customer.id }
  })
  const result: { readonly activationUrl: Redacted.Redacted<string> } = { activationUrl }
  return result
})
