import * as Outbound from "@gatehouse/adapters-outbound"
import { layer as shopifyLayer } from "@gatehouse/adapters-shopify"
import type { Actor, Organization, Tenant, User } from "@gatehouse/domain"
import {
  connectFakeShopify,
  FakeShopifyServer,
  type fakeShopify,
  layerMemory,
  seedTenant
} from "@gatehouse/testkit"
import { Effect, Layer } from "effect"
import { actorOf, seedMember, seedOrganization } from "../memberships/support.ts"

/**
 * The in-memory domain, the Shopify adapter (through the outbound port with 127.0.0.1 allowed, tiny real waits) and a fake
 * Shopify server of its own, fresh per test.
 */
export const provideShop = (options: fakeShopify.FakeShopifyOptions = {}) =>
  Effect.provide(
    Layer.mergeAll(
      Layer.fresh(layerMemory),
      shopifyLayer({ baseDelay: "5 millis", jitter: "1 millis" }).pipe(
        Layer.provideMerge(Outbound.layer({ allow: Outbound.allowListOf("127.0.0.1") }))
      ),
      Layer.fresh(FakeShopifyServer.layer(options))
    )
  )

export interface PortalTenant {
  readonly fake: fakeShopify.FakeShopify
  readonly tenant: Tenant
  readonly adminActor: Actor
  readonly acme: Organization
  readonly globex: Organization
  /** A Limited member of Acme, whose store access is managed. */
  readonly member: User
  /** Acme's portal Admin (organization role Admin holds `eshop:manage` there). */
  readonly acmeAdmin: Actor
  /** Globex's portal Admin. */
  readonly globexAdmin: Actor
  /** A Limited member of Acme. */
  readonly acmeLimited: Actor
}

/** A weevio tenant with two organizations, their portal Admins, and a member of Acme; the store connected. */
export const portalTenant = (options: { readonly connect?: boolean } = {}) =>
  Effect.gen(function* () {
    const fake = yield* FakeShopifyServer
    const { tenant, adminActor } = yield* seedTenant({ preset: "weevio" })
    const acme = yield* seedOrganization(tenant, {
      name: "Acme",
      pimsCustomerCode: "C100",
      pimsCustomerName: null,
      priceCode: null
    })
    const globex = yield* seedOrganization(tenant, {
      name: "Globex",
      pimsCustomerCode: "C200",
      pimsCustomerName: null,
      priceCode: null
    })
    const { user: member } = yield* seedMember(tenant, acme.id, {
      role: "Limited",
      user: { email: "pat@example.com" as User["email"] }
    })
    const acmeAdmin = (yield* seedMember(tenant, acme.id, { role: "Admin" })).actor
    const globexAdmin = (yield* seedMember(tenant, globex.id, { role: "Admin" })).actor
    const acmeLimited = (yield* seedMember(tenant, acme.id, { role: "Limited" })).actor
    if (options.connect ?? true) yield* connectFakeShopify(tenant.id, fake)
    const result: PortalTenant = {
      fake,
      tenant,
      adminActor,
      acme,
      globex,
      member,
      acmeAdmin,
      globexAdmin,
      acmeLimited
    }
    return result
  })

export { actorOf }
