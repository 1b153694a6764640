import { Effect, Option } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId, UserId } from "../../model/ids.ts"
import { ShopifyCustomers } from "../../ports/ShopifyCustomers.ts"
import { EshopAlreadyActive, EshopNotInvited } from "./errors.ts"
import { type EshopMember, loadEshopMember } from "./memberAccess.ts"
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

/**
 * What a call about an invited member's account starts from (`eshop:manage`, see `loadEshopMember`): the
 * member, their Shopify customer (`invitedCustomer`) and the store's customer accounts.
 */
export const loadInvitedMember = Effect.fnUntraced(function* (
  actor: Actor,
  organizationId: OrganizationId,
  userId: UserId
) {
  const member = yield* loadEshopMember(actor, organizationId, userId, { grant: true })
  const customer = yield* invitedCustomer(member)
  const accounts = yield* (yield* ShopifyCustomers).customerAccounts(member.store.connection)
  return { member, customer, accounts }
})
