import { Option } from "effect"
import type { ShopifyCustomer } from "../../ports/ShopifyCustomers.ts"
import { hasTag } from "./tags.ts"

/** A member's access to the online store, per (organization, user). */
export type EshopStatus = "no_account" | "invited" | "active" | "inactive"

/**
 * The product's status mapping (notes/shopify.md): no customer with the email -> `no_account`; a customer
 * without this organization's customer-code tag -> `inactive`; with it, `ENABLED` -> `active`, and `DISABLED`,
 * `INVITED` or `DECLINED` -> `invited`. Tags compare case-insensitively, as Shopify compares them.
 */
export const eshopStatusOf = (
  customer: Option.Option<Pick<ShopifyCustomer, "state" | "tags">>,
  customerCodeTag: string | null
): EshopStatus => {
  if (Option.isNone(customer)) return "no_account"
  if (customerCodeTag === null || !hasTag(customer.value.tags, customerCodeTag)) return "inactive"
  return customer.value.state === "ENABLED" ? "active" : "invited"
}
