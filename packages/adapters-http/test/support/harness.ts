import {
  type GatehouseOptions,
  type GatehouseServices,
  gatehouse,
  gatehouseFrameworkErrors
} from "@gatehouse/adapters-http"
import * as Outbound from "@gatehouse/adapters-outbound"
import { type ClientOptions, layer as shopifyLayer } from "@gatehouse/adapters-shopify"
import {
  decodeBase32,
  generateTotp,
  type OutboundCalls,
  type ShopifyCustomers,
  type ShopifyWebhookSignature
} from "@gatehouse/domain"
import { layerMemory } from "@gatehouse/testkit"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions,
  type LightMyRequestResponse
} from "fastify"

export const PLATFORM_TOKEN = "platform-token-for-tests-0123456789abcdef"

/** Passwords that pass every preset's policy and contain none of the test fixtures' context words. */
export const PASSWORD = "Tq8!Nebula-Crane-Vortex"
export const OTHER_PASSWORD = "Zr4?Quartz-Heron-Mosaic"

/** Shopify client options for tests: waits are tiny but real. */
export const testShopifyOptions: Partial<ClientOptions> = {
  maxTries: 2,
  baseDelay: "5 millis",
  jitter: "2 millis",
  maxDelay: "1 second",
  timeout: "3 seconds"
}

/**
 * The services outside the domain's store and crypto: the Shopify adapter and the outbound port it calls
 * through. (Webhook de-duplication is the store's: `layerMemory` and the PostgreSQL layers provide it.)
 */
export type ShopifyServices = ShopifyCustomers | ShopifyWebhookSignature | OutboundCalls

/** A public address (example.com's), for the made-up names of the tests. */
export const PUBLIC_ADDRESS = "93.184.215.14"

/**
 * The names the tests use, resolved without DNS: `*.example` and `*.test` to a public address, except
 * `private.example` (10.0.0.5), `loopback.example` (127.0.0.1) and `metadata.example` (169.254.169.254); others
 * through the system resolver.
 */
export const testResolver: Outbound.Resolver = async (hostname) => {
  const fixed: Readonly<Record<string, string>> = {
    "private.example": "10.0.0.5",
    "loopback.example": "127.0.0.1",
    "metadata.example": "169.254.169.254"
  }
  const address = fixed[hostname] ?? (/\.(?:example|test)$/u.test(hostname) ? PUBLIC_ADDRESS : undefined)
  return address === undefined ? Outbound.systemResolver(hostname) : [{ address, family: 4 }]
}

/**
 * The real outbound port as `GATEHOUSE_OUTBOUND_ALLOW=127.0.0.1` builds it (the fakes listen there), with the
 * tests' resolver.
 */
export const layerOutboundForTests = (options: Outbound.OutboundOptions = {}): Layer.Layer<OutboundCalls> =>
  Outbound.layer({ allow: Outbound.allowListOf("127.0.0.1"), resolve: testResolver, ...options })

/** The Shopify adapter, pointed at a fake by each tenant's `endpoint`, through the real outbound port. */
export const layerShopifyForTests = (
  options: Partial<ClientOptions> = testShopifyOptions,
  outbound: Layer.Layer<OutboundCalls> = layerOutboundForTests()
): Layer.Layer<ShopifyServices> => shopifyLayer(options).pipe(Layer.provideMerge(outbound))

/** Every service of the plugin, in memory: the testkit's `layerMemory` plus `layerShopifyForTests()`. */
export const layerTestServices: Layer.Layer<GatehouseServices> = Layer.mergeAll(
  layerMemory,
  layerShopifyForTests()
)

export interface Harness {
  readonly app: FastifyInstance
  readonly runtime: ManagedRuntime.ManagedRuntime<GatehouseServices, never>
  readonly close: () => Promise<void>
}

/** A Fastify app with the plugin over a fresh in-memory domain; rate limiting off unless asked for. */
export const makeHarness = async (
  options: Partial<GatehouseOptions> & {
    readonly fastify?: FastifyServerOptions
    /** The domain's services (default `layerMemory`); the Shopify ones come from `shopify`. */
    readonly layer?: Layer.Layer<Exclude<GatehouseServices, ShopifyServices>>
    readonly shopify?: Layer.Layer<ShopifyServices>
  } = {}
): Promise<Harness> => {
  const { fastify, layer, shopify, ...plugin } = options
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(Layer.fresh(layer ?? layerMemory), shopify ?? layerShopifyForTests())
  )
  const app = Fastify(fastify ?? { logger: false, frameworkErrors: gatehouseFrameworkErrors })
  await app.register(gatehouse, {
    runtime,
    platformToken: Redacted.make(PLATFORM_TOKEN),
    rateLimit: false,
    ...plugin
  })
  await app.ready()
  return {
    app,
    runtime,
    close: async () => {
      await app.close()
      await runtime.dispose()
    }
  }
}

export interface CallOptions {
  readonly token?: string | undefined
  readonly body?: unknown
  readonly headers?: Record<string, string>
  readonly query?: Record<string, string>
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/** One request through `inject`, with a bearer token and a JSON body when given. */
export const call = (
  app: FastifyInstance,
  method: Method,
  url: string,
  options: CallOptions = {}
): Promise<LightMyRequestResponse> =>
  app.inject({
    method,
    url,
    ...(options.query === undefined ? {} : { query: options.query }),
    headers: {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers
    },
    ...(options.body === undefined ? {} : { payload: options.body as object })
  })

/** The parsed body of a response, typed loosely for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON
export const json = (response: LightMyRequestResponse): any => JSON.parse(response.body)

let tenants = 0

export interface TenantAdmin {
  readonly slug: string
  readonly tenantId: string
  readonly adminId: string
  readonly email: string
  readonly password: string
  readonly token: string
}

/** Logs in; when the session is restricted to a password change, changes it to `PASSWORD` and logs in again. */
export const loginFull = async (
  app: FastifyInstance,
  tenant: string,
  email: string,
  password: string
): Promise<{ readonly token: string; readonly password: string }> => {
  const first = await call(app, "POST", "/v1/auth/login", { body: { tenant, email, password } })
  if (first.statusCode !== 200) throw new Error(`login failed: ${first.statusCode} ${first.body}`)
  const session = json(first)
  if (session.session.scope === "full") return { token: session.token, password }
  const changed = await call(app, "POST", "/v1/me/password", {
    token: session.token,
    body: { currentPassword: password, newPassword: PASSWORD }
  })
  if (changed.statusCode !== 204)
    throw new Error(`password change failed: ${changed.statusCode} ${changed.body}`)
  const second = await call(app, "POST", "/v1/auth/login", { body: { tenant, email, password: PASSWORD } })
  if (second.statusCode !== 200) throw new Error(`second login failed: ${second.statusCode} ${second.body}`)
  return { token: json(second).token, password: PASSWORD }
}

/** A new tenant through `POST /v1/tenants`, and its admin logged in with a full session. */
export const newTenant = async (
  app: FastifyInstance,
  preset: "weevio" | "wetrack" | "weavestream" | "puqcloud" = "weevio"
): Promise<TenantAdmin> => {
  const n = ++tenants
  const slug = `acme-${n}-${Math.random().toString(36).slice(2, 8)}`
  const email = `owner${n}@acme.test`
  const created = await call(app, "POST", "/v1/tenants", {
    token: PLATFORM_TOKEN,
    body: { slug, name: `Acme ${n}`, preset, admin: { email, firstName: "Olive", lastName: "Owner" } }
  })
  if (created.statusCode !== 201) throw new Error(`tenant: ${created.statusCode} ${created.body}`)
  const body = json(created)
  const { token, password } = await loginFull(app, slug, email, body.generatedPassword)
  return { slug, tenantId: body.tenant.id, adminId: body.admin.id, email, password, token }
}

let users = 0

export interface TestUser {
  readonly id: string
  readonly email: string
  readonly password: string
  readonly token: string
}

/** A user created by the admin with a typed password, then logged in (password changed once). */
export const newUser = async (
  app: FastifyInstance,
  admin: TenantAdmin,
  overrides: Record<string, unknown> = {}
): Promise<TestUser> => {
  const email = `member${++users}@acme.test`
  const created = await call(app, "POST", "/v1/users", {
    token: admin.token,
    body: {
      email,
      firstName: "Rita",
      lastName: "Regular",
      role: "Regular",
      password: OTHER_PASSWORD,
      ...overrides
    }
  })
  if (created.statusCode !== 201) throw new Error(`user: ${created.statusCode} ${created.body}`)
  const id = json(created).user.id
  const { token, password } = await loginFull(app, admin.slug, email, OTHER_PASSWORD)
  return { id, email, password, token }
}

/** Asserts nothing here: returns status, code and the parsed body of a problem response. */
export const problem = (response: LightMyRequestResponse) => ({
  status: response.statusCode,
  contentType: response.headers["content-type"],
  ...json(response)
})

/** The one-time token of a setup link (`.../setup#token=<token>`). */
export const setupTokenOf = (setupUrl: string): string => {
  const token = setupUrl.split("#token=")[1]
  if (token === undefined) throw new Error(`not a setup link: ${setupUrl}`)
  return decodeURIComponent(token)
}

/** The authenticator's code for `secret` (base32) at the current time. */
export const totpNow = (secret: string): Promise<string> =>
  Effect.runPromise(decodeBase32(secret).pipe(Effect.flatMap((key) => generateTotp(key, Date.now()))))
