import { gatehouse, gatehouseFrameworkErrors } from "@gatehouse/adapters-http"
import { inlineDispatch, RecoveryMailDispatch } from "@gatehouse/domain"
import { type fakeShopify, layerMemory, MemoryStore, type memory, startFakeShopify } from "@gatehouse/testkit"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import Fastify, { type FastifyInstance } from "fastify"
import { layerShopifyForTests, PLATFORM_TOKEN } from "../support/harness.ts"
import { readEtags, seedOrganizations, seedStaff, seedTenants } from "./seed.ts"

export { WEBHOOK_SECRET } from "./seed.ts"

/** A route as Fastify serves it: `"GET /v1/users/:id"`. */
export type RouteKey = `${string} /${string}`

/**
 * One tenant (weevio) with a user in every position the matrix needs, a second tenant, the ids around them, and
 * a fake Shopify store both tenants are connected to.
 */
export interface World {
  readonly app: FastifyInstance
  /** Every method + url the app registered (from an `onRoute` hook installed before the plugin). */
  readonly routes: ReadonlyArray<RouteKey>
  readonly slug: string
  readonly shopify: fakeShopify.FakeShopify
  readonly tokens: {
    readonly admin: string
    readonly regular: string
    readonly otherAdmin: string
    /** Taken while the user (an Admin) was active; the user was disabled afterwards. */
    readonly disabledAdmin: string
    /** The first login of an Admin whose password an administrator set: scope `password_change`. */
    readonly passwordChange: string
    /** Tenant role Portal User, organization Admin of `orgA`. */
    readonly portalAdmin: string
  }
  readonly users: {
    readonly admin: string
    readonly regular: string
    readonly regularEmail: string
    /** Active Regular with TOTP enrolled: the default target of `/v1/users/{id}` routes. */
    readonly active: string
    readonly disabled: string
    readonly deactivated: string
    /** Invited, setup not completed: `pendingSetupToken` is theirs. */
    readonly pending: string
    readonly portalAdmin: string
    /** Limited members (pending users) of `orgA` and `orgB`; `memberA` was invited to the eShop, `memberA2` not. */
    readonly memberA: string
    readonly memberA2: string
    readonly memberB: string
  }
  /** Tenant B's ids, of every kind a request of tenant A can name. */
  readonly foreign: {
    readonly admin: string
    readonly organization: string
    readonly organizationSlug: string
    readonly group: string
    readonly department: string
  }
  readonly orgA: string
  readonly orgB: string
  /** The slugs of orgA and orgB (a `:slug` of `/v1/organizations/by-slug/{slug}`). */
  readonly orgSlugs: { readonly orgA: string; readonly orgB: string }
  readonly group: string
  readonly department: string
  /** Tenant A's webhook and one of its deliveries (a queued test event). */
  readonly webhook: string
  readonly delivery: string
  /** The id of the Regular user's session (the one behind `tokens.regular`). */
  readonly regularSession: string
  readonly pendingSetupToken: string
  /** `W/"<version>"` of every user of the tenant, as read after seeding. */
  readonly etags: ReadonlyMap<string, string>
  /** The store as seeding left it. */
  readonly baseline: memory.State
  readonly snapshot: () => Promise<memory.State>
  /**
   * Puts the whole store back to `state` (sessions, counters and outbox included), and the fake Shopify store
   * back to its customers after seeding.
   */
  readonly restore: (state: memory.State) => Promise<void>
  readonly close: () => Promise<void>
}

/** Builds the app over a fresh in-memory domain and seeds the world through the API. */
export const buildWorld = async (): Promise<World> => {
  // Recovery emails in the request's own fiber: a detached send finishing after the next request's snapshot
  // would read as a change that request made (the schema fuzz compares the store before and after each one).
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      Layer.fresh(layerMemory),
      layerShopifyForTests(),
      Layer.succeed(RecoveryMailDispatch, inlineDispatch)
    )
  )
  const shopify = await startFakeShopify()
  const app = Fastify({ logger: false, frameworkErrors: gatehouseFrameworkErrors })
  const routes: Array<RouteKey> = []
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}` as RouteKey)
  })
  await app.register(gatehouse, { runtime, platformToken: Redacted.make(PLATFORM_TOKEN), rateLimit: false })
  await app.ready()

  const withStore = <A>(f: (store: MemoryStore["Service"]) => Effect.Effect<A>): Promise<A> =>
    runtime.runPromise(
      Effect.gen(function* () {
        return yield* f(yield* MemoryStore)
      })
    )

  const { admin, other, foreign } = await seedTenants(app, shopify)
  const staff = await seedStaff(app, admin)
  const orgs = await seedOrganizations(app, admin)
  const etags = await readEtags(app, admin)
  // the fake store is no part of the MemoryStore: its customers are put back by `restore`
  const customers = shopify.customers()
  const baseline = await withStore((store) => store.snapshot)
  return {
    app,
    routes,
    slug: admin.slug,
    shopify,
    tokens: {
      admin: admin.token,
      regular: staff.regular.token,
      otherAdmin: other.token,
      disabledAdmin: staff.disabledAdmin,
      passwordChange: staff.passwordChange,
      portalAdmin: orgs.portalToken
    },
    users: {
      admin: admin.adminId,
      regular: staff.regular.id,
      regularEmail: staff.regular.email,
      active: staff.active,
      disabled: staff.disabled,
      deactivated: staff.deactivated,
      pending: staff.pending,
      portalAdmin: orgs.portalAdmin,
      memberA: orgs.memberA,
      memberA2: orgs.memberA2,
      memberB: orgs.memberB
    },
    foreign: { admin: other.adminId, ...foreign },
    orgA: orgs.orgA,
    orgB: orgs.orgB,
    orgSlugs: orgs.orgSlugs,
    group: orgs.group,
    department: orgs.department,
    webhook: orgs.webhook,
    delivery: orgs.delivery,
    regularSession: staff.regular.token.split(".")[0]!,
    pendingSetupToken: staff.pendingSetupToken,
    etags,
    baseline,
    snapshot: () => withStore((store) => store.snapshot),
    restore: async (state) => {
      await withStore((store) => store.restore(state))
      shopify.reset()
      for (const { email, firstName, lastName, tags, state } of customers) {
        shopify.seedCustomer({
          tags,
          state,
          ...(email === null ? {} : { email }),
          ...(firstName === null ? {} : { firstName }),
          ...(lastName === null ? {} : { lastName })
        })
      }
    },
    close: async () => {
      await app.close()
      await runtime.dispose()
      await shopify.close()
    }
  }
}
