import * as Outbound from "@gatehouse/adapters-outbound"
import { type ClientOptions, layer as shopifyLayer } from "@gatehouse/adapters-shopify"
import {
  type Actor,
  type Email,
  MembershipRepository,
  type Organization,
  OrganizationRepository,
  type RoleName,
  type ShopifyConnection,
  type ShopifyTagFormats,
  type Tenant,
  type User,
  userActor
} from "@gatehouse/domain"
import {
  aMembership,
  anOrganization,
  connectFakeShopify,
  FakeShopifyServer,
  type fakeShopify,
  layerMemory,
  MemoryStore,
  memory,
  seedTenant,
  seedUser
} from "@gatehouse/testkit"
import { Effect, Layer, Redacted } from "effect"

/** The outbound port as `GATEHOUSE_OUTBOUND_ALLOW=127.0.0.1` builds it: the fake on 127.0.0.1 may be called. */
export const outboundToFake = Outbound.layer({ allow: Outbound.allowListOf("127.0.0.1") })

/** Client options for tests: waits are tiny but real. */
export const testClientOptions: Partial<ClientOptions> = {
  baseDelay: "5 millis",
  jitter: "2 millis",
  maxDelay: "3 seconds",
  timeout: "3 seconds"
}

/**
 * Everything a test needs, fresh per test: the in-memory domain (with its WebhookDeduplication), the adapter,
 * and its own fake Shopify.
 */
export const provideAll = (
  options: fakeShopify.FakeShopifyOptions = {},
  client = testClientOptions,
  outbound = outboundToFake
) =>
  Effect.provide(
    Layer.mergeAll(
      Layer.fresh(layerMemory),
      shopifyLayer(client).pipe(Layer.provideMerge(outbound)),
      Layer.fresh(FakeShopifyServer.layer(options))
    )
  )

/** A connection to the fake, as a tenant's settings would give it. */
export const connectionTo = (fake: fakeShopify.FakeShopify, token = fake.accessToken): ShopifyConnection => ({
  shopDomain: fake.shopDomain,
  accessToken: Redacted.make(token),
  apiVersion: "2026-07",
  endpoint: fake.endpoint()
})

export const role = (name: string): RoleName => name as RoleName

/** Stores an organization of the tenant (codes as given; a customer code unless overridden). */
export const seedOrganization = (tenant: Pick<Tenant, "id">, overrides: Partial<Organization> = {}) =>
  Effect.flatMap(OrganizationRepository, (organizations) =>
    organizations.insert(anOrganization({ ...overrides, tenantId: tenant.id }))
  )

/** Stores a portal user with a membership of the organization (Limited unless said otherwise). */
export const seedMember = (
  tenant: Pick<Tenant, "id">,
  organization: Pick<Organization, "id">,
  options: { readonly email?: string; readonly role?: string; readonly active?: boolean } = {}
) =>
  Effect.gen(function* () {
    const user = yield* seedUser(tenant, {
      role: role("Portal User"),
      ...(options.email === undefined ? {} : { email: options.email as Email })
    })
    yield* (yield* MembershipRepository)
      .insert(
        aMembership({
          tenantId: user.tenantId,
          organizationId: organization.id,
          userId: user.id,
          role: role(options.role ?? "Limited"),
          active: options.active ?? true
        })
      )
      .pipe(Effect.orDie)
    return { user, actor: userActor(user.tenantId, user.id) as Actor }
  })

export interface Portal {
  readonly fake: fakeShopify.FakeShopify
  readonly tenant: Tenant
  readonly adminActor: Actor
  readonly organization: Organization
  readonly member: User
}

/**
 * A weevio tenant connected to the fake store, an organization "Acme, Inc." (code C100, price code P1 unless
 * overridden) and one member, pat@example.com.
 */
export const portal = (
  overrides: Partial<Organization> = {},
  connect: { readonly tagFormats?: Partial<ShopifyTagFormats>; readonly webhookSecret?: string } = {}
) =>
  Effect.gen(function* () {
    const fake = yield* FakeShopifyServer
    const { tenant, adminActor } = yield* seedTenant()
    const organization = yield* seedOrganization(tenant, {
      name: "Acme, Inc.",
      pimsCustomerCode: "C100",
      pimsCustomerName: "Acme, Inc.",
      priceCode: "P1",
      ...overrides
    })
    const { user: member } = yield* seedMember(tenant, organization, { email: "pat@example.com" })
    yield* connectFakeShopify(tenant.id, fake, connect)
    const result: Portal = { fake, tenant, adminActor, organization, member }
    return result
  })

/** The root fields of every request the fake answered, in order (what a use case cost in calls). */
export const calls = (fake: fakeShopify.FakeShopify): ReadonlyArray<string> =>
  fake.requests().flatMap((r) => r.fields)

export const auditActions = Effect.map(
  Effect.flatMap(MemoryStore, (store) => store.snapshot),
  (s) => s.get(memory.tables.Audit).map((e) => e.action)
)
