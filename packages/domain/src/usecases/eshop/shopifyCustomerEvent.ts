import { Effect, Option } from "effect"
import { TenantNotFound } from "../../errors/notFound.ts"
import type { TenantId } from "../../model/ids.ts"
import type { Organization } from "../../model/organization.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { ShopifyCustomers } from "../../ports/ShopifyCustomers.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { connectedStore } from "./connection.ts"
import { type EshopStatus, eshopStatusOf } from "./status.ts"
import { customerCodeOf, organizationTags, sameTag } from "./tags.ts"

/** The customer webhook topics Gatehouse subscribes to. */
export const SHOPIFY_CUSTOMER_TOPICS = [
  "customers/enable",
  "customers/update",
  "customer.tags_added",
  "customer.tags_removed"
] as const
export type ShopifyCustomerTopic = (typeof SHOPIFY_CUSTOMER_TOPICS)[number]

/** A customer webhook whose signature the caller has verified. */
export interface ShopifyCustomerEvent {
  readonly topic: ShopifyCustomerTopic
  readonly webhookId: string
  /** `gid://shopify/Customer/<n>`. */
  readonly customerId: string
}

export interface ShopifyCustomerEventOutcome {
  readonly customerId: string
  /** The organizations whose customer code the customer carries now, with the member status it gives. */
  readonly organizations: ReadonlyArray<{ readonly organizationId: string; readonly status: EshopStatus }>
}

const organizationsWithCode = Effect.fnUntraced(function* (tenantId: TenantId, code: string) {
  const page = yield* (yield* OrganizationRepository).list(tenantId, { q: code, limit: 200 })
  return page.items.filter((o) => o.pimsCustomerCode !== null && sameTag(o.pimsCustomerCode, code))
})

/**
 * Records a verified customer webhook of the tenant's store. Status lives in Shopify (Gatehouse stores none),
 * so the event re-reads the customer (payloads carry no tags any more) and writes an audit event (system
 * actor) naming the organizations whose code the customer carries and the status it gives: the trail shows
 * activations and tag changes made in Shopify's admin, and `conflict` when two codes ended up on one customer.
 */
export const recordShopifyCustomerEvent = Effect.fn("recordShopifyCustomerEvent")(function* (
  tenantId: TenantId,
  event: ShopifyCustomerEvent
) {
  const store = yield* transactional(
    Effect.gen(function* () {
      if (Option.isNone(yield* (yield* TenantRepository).findById(tenantId))) {
        return yield* new TenantNotFound({ tenant: tenantId })
      }
      return yield* connectedStore(tenantId)
    })
  )
  const customer = yield* (yield* ShopifyCustomers).findById(store.connection, event.customerId)
  const codes = Option.match(customer, {
    onNone: () => [],
    onSome: (c) => c.tags.flatMap((tag) => customerCodeOf(store.tagFormats, tag) ?? [])
  })
  const organizations: Array<Organization> = []
  for (const code of codes) organizations.push(...(yield* organizationsWithCode(tenantId, code)))
  const outcome: ShopifyCustomerEventOutcome = {
    customerId: event.customerId,
    organizations: organizations.map((organization) => ({
      organizationId: organization.id,
      status: eshopStatusOf(customer, organizationTags(store.tagFormats, organization).customerCode)
    }))
  }
  yield* transactional(
    audit(
      { tenantId, actorKind: "system", actorId: null },
      {
        action: "eshop.customer_changed",
        targetType: "shopify_customer",
        targetId: event.customerId,
        details: {
          topic: event.topic,
          webhookId: event.webhookId,
          state: Option.match(customer, { onNone: () => null, onSome: (c) => c.state }),
          organizations: outcome.organizations.map((o) => ({ ...o })),
          conflict: codes.length > 1
        }
      }
    )
  )
  return outcome
})
