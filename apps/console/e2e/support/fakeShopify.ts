import { ok } from "@gatehouse/client"
import { type fakeShopify, startFakeShopify } from "@gatehouse/testkit"
import { client, type Session } from "./api.ts"
import type { Organization } from "./portal.ts"

export type FakeShopify = fakeShopify.FakeShopify

/**
 * The testkit's fake Shopify Admin API (GraphQL, customers, tags, invite emails, activation URLs) on 127.0.0.1 and
 * a random port, started by the spec that needs it. The e2e server may call it: the global setup lifts 127.0.0.1
 * from the outbound rule (`GATEHOUSE_OUTBOUND_ALLOW`), and each tenant names it as its store's `endpoint`, so other
 * tenants (and other specs) stay without a store.
 */
export const startShopify = (): Promise<FakeShopify> => startFakeShopify()

/** Connects the tenant's online store to the fake (`PUT /v1/settings/shopify` by its admin, through `endpoint`). */
export const connectStore = async (admin: Session, fake: FakeShopify): Promise<void> => {
  await ok(
    client(admin.token).PUT("/v1/settings/shopify", {
      body: { shopDomain: fake.shopDomain, accessToken: fake.accessToken, endpoint: fake.endpoint() }
    })
  )
}

/** An organization with a PIMS customer code (the tag that grants store access) and a price code (001). */
export const createStoreOrganization = async (
  admin: Session,
  fields: { readonly name: string; readonly pimsCustomerCode: string; readonly priceCode?: string }
): Promise<Organization> => {
  const created = await ok(client(admin.token).POST("/v1/organizations", { body: fields }))
  return { id: created.id, name: created.name, slug: created.slug }
}
