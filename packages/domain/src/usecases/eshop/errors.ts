import { Schema } from "effect"

/** What the person sees when their email is already tied to another organization's Shopify customer. */
export const ESHOP_TAG_CONFLICT_MESSAGE = "This email address is tied to a different customer."

/**
 * The Shopify customer with this email carries the customer-code tag of a different organization: the invite
 * stopped and nothing was changed (or what it added was taken back).
 */
export class EshopTagConflict extends Schema.TaggedError<EshopTagConflict>()("EshopTagConflict", {
  message: Schema.Literal(ESHOP_TAG_CONFLICT_MESSAGE)
}) {}

/** The tenant has no Shopify store connected (`PUT /v1/settings/shopify` first). */
export class EshopNotConfigured extends Schema.TaggedError<EshopNotConfigured>()("EshopNotConfigured", {}) {}

/** The organization has no PIMS customer code, so there is no tag that could grant access. */
export class EshopCustomerCodeMissing extends Schema.TaggedError<EshopCustomerCodeMissing>()(
  "EshopCustomerCodeMissing",
  { organizationId: Schema.String }
) {}

/** Resend and activation URL need an invited member; `status` says what the member is instead. */
export class EshopNotInvited extends Schema.TaggedError<EshopNotInvited>()("EshopNotInvited", {
  status: Schema.Literals(["no_account", "inactive"])
}) {}

/** The member's store account is already activated: there is nothing to invite them to. */
export class EshopAlreadyActive extends Schema.TaggedError<EshopAlreadyActive>()("EshopAlreadyActive", {}) {}

/** The membership is disabled or expired, or the user is disabled or deactivated: no store access is granted. */
export class EshopMemberInactive extends Schema.TaggedError<EshopMemberInactive>()("EshopMemberInactive", {
  organizationId: Schema.String,
  userId: Schema.String
}) {}
