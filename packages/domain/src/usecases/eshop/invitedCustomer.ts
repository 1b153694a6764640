import { Effect, Option } from "effect"
import { ShopifyCustomers } from "../../ports/ShopifyCustomers.ts"
import { EshopAlreadyActive, EshopNotInvited } from "./errors.ts"
import type { EshopMember } from "./memberAccess.ts"
import { eshopStatusOf } from "./status.ts"

/**
 * The member's Shopify customer when they are invited (this organization's code tag, account not activated):
 * otherwise `EshopNotInvited` with their status, or `EshopAlreadyActive`.
 */
export const invitedCustomer = Effect.fnUntraced(function* (member: EshopMember) {
  const customer = yield* (yield* ShopifyCustomers).findByEmail(member.store.connection, member.user.email)
  if (Option.isNone(customer)) return yield* new EshopNotInvited({ status: "no_account" })
  const status = eshopStatusOf(customer, member.tags.customerCode)
  if (status === "active") return yield* new EshopAlreadyActive()
  if (status === "inactive") return yield* new EshopNotInvited({ status })
  return customer.value
})
