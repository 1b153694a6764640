import { Effect, Option, Redacted } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId, UserId } from "../../model/ids.ts"
import { Mailer } from "../../ports/Mailer.ts"
import { type ShopifyCustomer, ShopifyCustomers, ShopifyRejected } from "../../ports/ShopifyCustomers.ts"
import { eshopInvitationEmail } from "./email.ts"
import { ESHOP_TAG_CONFLICT_MESSAGE, EshopCustomerCodeMissing, EshopTagConflict } from "./errors.ts"
import { auditEshop, type EshopMember, loadEshopMember } from "./memberAccess.ts"
import { signInUrl } from "./signInUrl.ts"
import { type EshopStatus, eshopStatusOf } from "./status.ts"
import { hasTag, otherCustomerCodes } from "./tags.ts"

export interface EshopInvitation {
  readonly status: EshopStatus
  /**
   * Classic customer accounts: a fresh one-time activation URL (the invite email carries the same one); new
   * customer accounts: the store's sign-in URL. Null when the member's account is already active.
   */
  readonly activationUrl: Redacted.Redacted<string> | null
  /** Whether an invitation email went out (Shopify's, or ours on new customer accounts). */
  readonly emailSent: boolean
}

const conflict = () => new EshopTagConflict({ message: ESHOP_TAG_CONFLICT_MESSAGE })

/**
 * Links the member's Shopify customer to the organization: finds the customer by email or creates it with the
 * organization's tags, otherwise adds the missing tags (a customer already tied to another organization stops
 * everything with `EshopTagConflict`, nothing changed); since two admins may race, the customer is read again
 * after adding tags and the addition taken back when a second organization's code ended up on it.
 */
const linkCustomer = Effect.fnUntraced(function* (member: EshopMember, customerCode: string) {
  const shopify = yield* ShopifyCustomers
  const { connection, tagFormats } = member.store
  const wanted = member.tags.all
  const found = yield* shopify.findByEmail(connection, member.user.email)
  let customer: ShopifyCustomer
  if (Option.isNone(found)) {
    const made = yield* shopify.create(connection, {
      email: member.user.email,
      firstName: member.user.firstName,
      lastName: member.user.lastName,
      tags: wanted
    })
    if (made.created) return { customer: made.customer, created: true, tagsAdded: wanted.length }
    customer = made.customer
  } else {
    customer = found.value
  }
  if (otherCustomerCodes(tagFormats, customer.tags, customerCode).length > 0) return yield* conflict()
  const missing = wanted.filter((tag) => !hasTag(customer.tags, tag))
  if (missing.length === 0) return { customer, created: false, tagsAdded: 0 }
  yield* shopify.addTags(connection, customer.id, missing)
  const reread = yield* shopify.findById(connection, customer.id)
  if (Option.isNone(reread)) {
    return yield* new ShopifyRejected({
      operation: "customer",
      reason: "UserError",
      messages: ["Customer does not exist"]
    })
  }
  if (otherCustomerCodes(tagFormats, reread.value.tags, customerCode).length > 0) {
    yield* shopify.removeTags(connection, customer.id, missing)
    return yield* conflict()
  }
  return { customer: reread.value, created: false, tagsAdded: missing.length }
})

/**
 * `POST /v1/organizations/{orgId}/members/{userId}/eshop/invite` (`eshop:manage`): gives the member access to
 * the tenant's online store and invites them. A second invite makes no second customer and no duplicate tag
 * (it sends a new invitation). Classic customer accounts: a fresh activation URL, then Shopify's invite email;
 * new customer accounts: our own email with the store's sign-in URL. A customer whose account is already
 * active gets the tags only. All Shopify calls run outside any transaction; the audit event follows in a short
 * one, also when a later step failed after the tags were set.
 */
export const inviteToEshop = Effect.fn("inviteToEshop")(function* (
  actor: Actor,
  organizationId: OrganizationId,
  userId: UserId
) {
  const member = yield* loadEshopMember(actor, organizationId, userId, { grant: true })
  const customerCode = member.tags.customerCode
  if (customerCode === null) return yield* new EshopCustomerCodeMissing({ organizationId })
  const shopify = yield* ShopifyCustomers
  const { connection } = member.store
  const accounts = yield* shopify.customerAccounts(connection)
  const linked = yield* linkCustomer(member, customerCode)
  const details = {
    customerId: linked.customer.id,
    customerCreated: linked.created,
    tagsAdded: linked.tagsAdded,
    customerAccounts: accounts.version
  }

  const invite = Effect.gen(function* () {
    let customer = linked.customer
    if (customer.state === "ENABLED") return { customer, activationUrl: null, emailSent: false }
    if (accounts.version === "CLASSIC") {
      // The URL first: the invite email then carries the same, newest one.
      const activationUrl = yield* shopify.activationUrl(connection, customer.id)
      customer = yield* shopify.sendInvite(connection, customer)
      return { customer, activationUrl, emailSent: true }
    }
    const url = yield* signInUrl(accounts)
    const emailSent = yield* (yield* Mailer)
      .send(eshopInvitationEmail(member.organization, member.user, url))
      .pipe(
        Effect.as(true),
        Effect.catchTag("MailDeliveryFailed", () => Effect.succeed(false))
      )
    return { customer, activationUrl: Redacted.make(url), emailSent }
  })

  const done = yield* invite.pipe(
    Effect.tapError((error) =>
      auditEshop(member, {
        action: "eshop.invited",
        details: { ...details, completed: false, failure: error._tag }
      })
    )
  )
  const status = eshopStatusOf(Option.some(done.customer), customerCode)
  yield* auditEshop(member, {
    action: "eshop.invited",
    details: { ...details, completed: true, emailSent: done.emailSent, status }
  })
  const result: EshopInvitation = { status, activationUrl: done.activationUrl, emailSent: done.emailSent }
  return result
})
