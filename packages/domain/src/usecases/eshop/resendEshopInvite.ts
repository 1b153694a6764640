import { Effect, Option } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId, UserId } from "../../model/ids.ts"
import { Mailer } from "../../ports/Mailer.ts"
import { ShopifyCustomers, ShopifyRejected } from "../../ports/ShopifyCustomers.ts"
import { eshopInvitationEmail } from "./email.ts"
import { invitedCustomer } from "./invitedCustomer.ts"
import { auditEshop, loadEshopMember } from "./memberAccess.ts"
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
  const member = yield* loadEshopMember(actor, organizationId, userId, { grant: true })
  const shopify = yield* ShopifyCustomers
  const { connection } = member.store
  let customer = yield* invitedCustomer(member)
  const accounts = yield* shopify.customerAccounts(connection)
  if (accounts.version === "CLASSIC") {
    customer = yield* shopify.sendInvite(connection, customer)
  } else {
    if (accounts.url === null) {
      return yield* new ShopifyRejected({
        operation: "shop",
        reason: "InvalidRequest",
        messages: ["The store has no customer accounts URL"]
      })
    }
    yield* (yield* Mailer).send(eshopInvitationEmail(member.organization, member.user, accounts.url))
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
