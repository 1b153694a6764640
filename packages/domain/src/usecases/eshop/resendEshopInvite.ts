import { Effect, Option } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId, UserId } from "../../model/ids.ts"
import { Mailer } from "../../ports/Mailer.ts"
import { ShopifyCustomers } from "../../ports/ShopifyCustomers.ts"
import { eshopInvitationEmail } from "./email.ts"
import { loadInvitedMember } from "./invitedCustomer.ts"
import { auditEshop } from "./memberAccess.ts"
import { signInUrl } from "./signInUrl.ts"
import { type EshopStatus, eshopStatusOf } from "./status.ts"

/**
 * `POST .../eshop/resend` (`eshop:manage`): sends the invitation of an invited member again (Shopify's invite
 * email on classic customer accounts, ours with the sign-in URL on new ones). Needs an invited member
 * (`EshopNotInvited`, `EshopAlreadyActive`). Shopify's email is never sent twice by one call: when its answer
 * is lost, the call fails with `ShopifyUnavailable` (`mayHaveApplied`) instead of trying again.
 */
export const resendEshopInvite = Effect.fn("resendEshopInvite")(function* (
  actor: Actor,
  organizationId: OrganizationId,
  userId: UserId
) {
  const invited = yield* loadInvitedMember(actor, organizationId, userId)
  const { member, accounts } = invited
  let customer = invited.customer
  if (accounts.version === "CLASSIC") {
    customer = yield* (yield* ShopifyCustomers).sendInvite(member.store.connection, customer)
  } else {
    const url = yield* signInUrl(accounts)
    yield* (yield* Mailer).send(eshopInvitationEmail(member.organization, member.user, url))
  }
  yield* auditEshop(member, {
    action: "eshop.invite_resent",
    details: { customerId: customer.id, customerAccounts: accounts.version }
  })
  const result: { readonly status: EshopStatus } = {
    status: eshopStatusOf(Option.some(customer), member.tags.customerCode)
  }
  return result
})
