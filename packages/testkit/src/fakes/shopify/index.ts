import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { Context, Effect, Layer, type Scope } from "effect"
import { FaultQueue, LeakyBucket } from "./faults.ts"
import { handle, type ReceivedRequest } from "./server.ts"
import {
  type CustomerAccountsVersion,
  type CustomerState,
  type FakeCustomer,
  type OutboxEmail,
  ShopState
} from "./state.ts"

export { connectFakeShopify } from "./connect.ts"
export { SUBSET_SCHEMA_URL, subsetSchema } from "./schema.ts"
export type { ReceivedRequest } from "./server.ts"
export type { CustomerAccountsVersion, CustomerState, FakeCustomer, OutboxEmail } from "./state.ts"
export { MAX_TAG_LENGTH, MAX_TAGS, normaliseTags } from "./tags.ts"

export interface FakeShopifyOptions {
  /** Default `gatehouse-test.myshopify.com`. */
  readonly shopDomain?: string
  /** The one Admin API token the fake accepts; default `shpat_fake_token`. */
  readonly accessToken?: string
  /** Default `CLASSIC`. */
  readonly customerAccounts?: CustomerAccountsVersion
  /** How far the `customers(query:)` search index lags behind writes; default 0. */
  readonly searchLagMs?: number
  /** The leaky bucket; default 2000 points restored at 100 per second (Shopify's standard plan). */
  readonly bucket?: { readonly maximumAvailable?: number; readonly restoreRate?: number }
}

/** Fault injection: each fault hits the next `times` requests (selecting one of `fields`, when given). */
export interface FakeShopifyFaults {
  /** HTTP 200 THROTTLED; `restoreRate` (default 500) makes the client's computed wait cost/restoreRate s. */
  readonly throttle: (
    times: number,
    options?: { readonly restoreRate?: number; readonly fields?: ReadonlyArray<string> }
  ) => void
  /** HTTP 429 with `Retry-After: retryAfterSeconds`. */
  readonly tooManyRequests: (times: number, retryAfterSeconds: number, fields?: ReadonlyArray<string>) => void
  /** HTTP 502/503/504, the request not run. */
  readonly status: (status: 502 | 503 | 504, times: number, fields?: ReadonlyArray<string>) => void
  /** Destroys the connection during a request selecting `field`: after it took effect (default) or before. */
  readonly drop: (
    field: string,
    options?: { readonly when?: "before" | "after"; readonly times?: number }
  ) => void
  /** Delays every answer. */
  readonly latency: (ms: number) => void
  readonly clear: () => void
}

/** A fake Shopify Admin GraphQL API on 127.0.0.1 (a random port) with test hooks. */
export interface FakeShopify {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string
  readonly shopDomain: string
  readonly accessToken: string
  /** The Admin API URL for a version (default 2026-07): what a connection's `endpoint` should be. */
  readonly endpoint: (apiVersion?: string) => string
  readonly faults: FakeShopifyFaults
  readonly seedCustomer: (customer: {
    readonly email?: string
    readonly firstName?: string
    readonly lastName?: string
    readonly tags?: ReadonlyArray<string>
    readonly state?: CustomerState
  }) => FakeCustomer
  /** Sets a customer's state; `ENABLED` is the customer activating their account. */
  readonly setState: (customerId: string, state: CustomerState) => FakeCustomer
  /** The customer activates their account (state `ENABLED`; their activation URL stops working). */
  readonly activate: (customerId: string) => FakeCustomer
  /** Replaces a customer's tags (normalised as Shopify would), as a store admin editing them would. */
  readonly setTags: (customerId: string, tags: ReadonlyArray<string>) => FakeCustomer
  readonly customers: () => ReadonlyArray<FakeCustomer>
  readonly customer: (customerId: string) => FakeCustomer | undefined
  readonly customerByEmail: (email: string) => FakeCustomer | undefined
  /** Every account invite email the store sent, oldest first. */
  readonly outbox: () => ReadonlyArray<OutboxEmail>
  /** Every request that passed routing and authentication, oldest first. */
  readonly requests: () => ReadonlyArray<ReceivedRequest>
  readonly activationUrlWorks: (url: string) => boolean
  readonly setCustomerAccounts: (version: CustomerAccountsVersion, url?: string | null) => void
  readonly setSearchLag: (ms: number) => void
  readonly setBucket: (maximumAvailable: number, restoreRate: number) => void
  /** Runs `effect` right after the next `times` (default 1) requests selecting `field` took effect. */
  readonly afterField: (field: string, effect: (fake: FakeShopify) => void, times?: number) => void
  /** Forgets customers, emails, requests, faults and hooks; restores the options. */
  readonly reset: () => void
  readonly close: () => Promise<void>
}

/** Starts a fake Shopify server; `close` it when done (or use `makeFakeShopify` / `FakeShopifyServer.layer`). */
export const startFakeShopify = async (options: FakeShopifyOptions = {}): Promise<FakeShopify> => {
  const shopDomain = options.shopDomain ?? "gatehouse-test.myshopify.com"
  const accessToken = options.accessToken ?? "shpat_fake_token"
  const maximumAvailable = options.bucket?.maximumAvailable ?? 2000
  const restoreRate = options.bucket?.restoreRate ?? 100
  let state = new ShopState(shopDomain)
  let searchLagMs = options.searchLagMs ?? 0
  const faults = new FaultQueue()
  const bucket = new LeakyBucket(maximumAvailable, restoreRate)
  const log: Array<ReceivedRequest> = []
  let hooks: Array<{ field: string; effect: (fake: FakeShopify) => void; remaining: number }> = []
  // Classic accounts live on the store's domain; new customer accounts on shopify.com/<shop id>.
  const accountsUrlOf = (version: CustomerAccountsVersion) =>
    version === "CLASSIC" ? `https://${shopDomain}/account` : "https://shopify.com/1/account"
  const initialAccounts = () => {
    state.accountsVersion = options.customerAccounts ?? "CLASSIC"
    state.accountsUrl = accountsUrlOf(state.accountsVersion)
  }
  initialAccounts()

  let fake: FakeShopify
  const parts = {
    get state() {
      return state
    },
    faults,
    bucket,
    accessTokens: () => new Set([accessToken]),
    searchLagMs: () => searchLagMs,
    log,
    afterField: (field: string) => {
      for (const hook of hooks.filter((h) => h.field === field && h.remaining > 0)) {
        hook.remaining -= 1
        hook.effect(fake)
      }
      hooks = hooks.filter((h) => h.remaining > 0)
    }
  }
  const server = createServer((req, res) => {
    handle(parts, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" })
      res.end(JSON.stringify({ errors: String(error) }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const fields = (list: ReadonlyArray<string> | undefined) => list ?? []

  fake = {
    url,
    shopDomain,
    accessToken,
    endpoint: (apiVersion = "2026-07") => `${url}/admin/api/${apiVersion}/graphql.json`,
    faults: {
      throttle: (times, o = {}) =>
        faults.arm({ kind: "throttled", restoreRate: o.restoreRate ?? 500 }, times, fields(o.fields)),
      tooManyRequests: (times, retryAfterSeconds, f) =>
        faults.arm({ kind: "tooManyRequests", retryAfterSeconds }, times, fields(f)),
      status: (status, times, f) => faults.arm({ kind: "status", status }, times, fields(f)),
      drop: (field, o = {}) => faults.arm({ kind: "drop", when: o.when ?? "after" }, o.times ?? 1, [field]),
      latency: (ms) => {
        faults.latencyMs = ms
      },
      clear: () => faults.clear()
    },
    seedCustomer: (customer) => {
      const created = state.create({ ...customer })
      if (!("ok" in created)) throw new Error(created.userErrors.map((e) => e.message).join("; "))
      return created.ok
    },
    setState: (id, next) => state.update(id, { state: next }),
    activate: (id) => state.update(id, { state: "ENABLED" }),
    setTags: (id, tags) => state.update(id, { tags }),
    customers: () => [...state.customers.values()],
    customer: (id) => state.customers.get(id),
    customerByEmail: (email) => state.byEmail(email),
    outbox: () => [...state.outbox],
    requests: () => [...log],
    activationUrlWorks: (link) => state.activationUrlWorks(link),
    setCustomerAccounts: (version, accountsUrl) => {
      state.accountsVersion = version
      state.accountsUrl = accountsUrl === undefined ? accountsUrlOf(version) : accountsUrl
    },
    setSearchLag: (ms) => {
      searchLagMs = ms
    },
    setBucket: (max, rate) => bucket.reset(max, rate),
    afterField: (field, effect, times = 1) => {
      hooks.push({ field, effect, remaining: times })
    },
    reset: () => {
      state = new ShopState(shopDomain)
      initialAccounts()
      searchLagMs = options.searchLagMs ?? 0
      faults.clear()
      bucket.reset(maximumAvailable, restoreRate)
      log.length = 0
      hooks = []
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
  }
  return fake
}

/** A fake Shopify server for the scope: started now, closed when the scope closes. */
export const makeFakeShopify = (
  options: FakeShopifyOptions = {}
): Effect.Effect<FakeShopify, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() => startFakeShopify(options)),
    (fake) => Effect.promise(() => fake.close())
  )

/** The fake Shopify server as a service, for tests that provide it as a layer. */
export class FakeShopifyServer extends Context.Service<FakeShopifyServer, FakeShopify>()(
  "@gatehouse/testkit/FakeShopifyServer"
) {
  static readonly layer = (options: FakeShopifyOptions = {}): Layer.Layer<FakeShopifyServer> =>
    Layer.effect(FakeShopifyServer, makeFakeShopify(options))
}
