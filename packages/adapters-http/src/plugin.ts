import cookie from "@fastify/cookie"
import helmet from "@fastify/helmet"
import rateLimit from "@fastify/rate-limit"
import swagger from "@fastify/swagger"
import swaggerUi from "@fastify/swagger-ui"
import type { ManagedRuntime, Redacted } from "effect"
import type { FastifyPluginAsync } from "fastify"
import fp from "fastify-plugin"
import { csrfGuard } from "./auth/csrf.ts"
import { errorHandler, notFoundHandler } from "./errors/problem.ts"
import { openApiOptions } from "./openapi.ts"
import { auditRoutes } from "./routes/audit.ts"
import { authRoutes } from "./routes/auth.ts"
import { catalogueRoutes } from "./routes/catalogue.ts"
import { eshopRoutes } from "./routes/eshop.ts"
import { meRoutes } from "./routes/me.ts"
import { memberRoutes } from "./routes/members.ts"
import { membershipRoutes } from "./routes/memberships.ts"
import { operationRoutes } from "./routes/operations.ts"
import { organizationRoutes } from "./routes/organizations.ts"
import { overviewRoutes } from "./routes/overview.ts"
import { passwordPolicyRoutes } from "./routes/passwordPolicy.ts"
import { recoveryRoutes } from "./routes/recovery.ts"
import type { RouteDeps } from "./routes/route.ts"
import { settingsRoutes } from "./routes/settings.ts"
import { setupRoutes } from "./routes/setup.ts"
import { shopifyWebhookRoutes } from "./routes/shopifyWebhook.ts"
import { tenantRoutes } from "./routes/tenants.ts"
import { userActionRoutes } from "./routes/userActions.ts"
import { userRoutes } from "./routes/users.ts"
import { userBulkRoutes } from "./routes/usersBulk.ts"
import { webhookRoutes } from "./routes/webhooks.ts"
import type { GatehouseServices } from "./services.ts"

export interface GatehouseOptions {
  /** The domain, composed by the caller (apps/server, or a test on in-memory layers). */
  readonly runtime: ManagedRuntime.ManagedRuntime<GatehouseServices, never>
  /** `GATEHOUSE_PLATFORM_TOKEN`: the bearer token of `POST /v1/tenants`. Unset: tenant creation is off. */
  readonly platformToken?: Redacted.Redacted<string> | undefined
  /** Mark the session cookie `Secure` (set when served over https). Default false. */
  readonly secureCookies?: boolean | undefined
  /** Per-IP limit of the auth and setup routes; `false` switches it off. Default 30 per minute. */
  readonly rateLimit?: { readonly max: number; readonly timeWindow: string | number } | false | undefined
  /** The largest `POST /v1/users/import` body (CSV or JSON) in bytes, buffered in memory. Default 50 MiB. */
  readonly importBodyLimit?: number | undefined
  /**
   * The origin the console is served from (GATEHOUSE_PUBLIC_URL's), e.g. `https://id.example.com`: an unsafe
   * request without a bearer token whose `Origin` is this one passes the CSRF check even without
   * `Sec-Fetch-Site: same-origin`. Unset: only `Sec-Fetch-Site` vouches for a browser's request.
   */
  readonly allowedOrigin?: string | undefined
  /** Answers `/readyz`: whether the store is reachable. */
  readonly isReady?: (() => Promise<boolean>) | undefined
}

const DEFAULT_RATE_LIMIT = { max: 30, timeWindow: "1 minute" } as const
const DEFAULT_IMPORT_BODY_LIMIT = 50 * 1024 * 1024

const plugin: FastifyPluginAsync<GatehouseOptions> = async (app, options) => {
  const deps: RouteDeps = {
    runtime: options.runtime,
    platformToken: options.platformToken,
    secureCookies: options.secureCookies ?? false,
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    importBodyLimit: options.importBodyLimit ?? DEFAULT_IMPORT_BODY_LIMIT
  }

  // The API speaks JSON only: a text/plain body is a 415, not a string for the decoder to puzzle over.
  app.removeContentTypeParser("text/plain")
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)
  app.addHook("onSend", async (request, reply) => {
    reply.header("X-Request-Id", request.id)
    // API answers hold tokens and personal data: no cache keeps them. A route that chose its own policy (the
    // console's hashed assets, cached for a year) keeps it.
    if (!reply.hasHeader("cache-control")) reply.header("Cache-Control", "no-store")
  })

  await app.register(helmet, {
    // One policy for the console's pages and the docs UI (swagger-ui, its scripts and styles from /docs/static):
    // no inline script anywhere; data: images for the TOTP QR code.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "validator.swagger.io"],
        scriptSrc: ["'self'"],
        // Mantine (the console) sets styles inline; scripts never run inline
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // the server also runs on plain http (local use): no forced upgrade of the docs' assets
        upgradeInsecureRequests: null
      }
    }
  })
  await app.register(cookie)
  // Cookie sessions: a cross-site unsafe request is refused before anything is read or changed.
  app.addHook("onRequest", csrfGuard(options.allowedOrigin))
  if (deps.rateLimit !== false) {
    // Per IP, only on the routes that ask for it (auth and setup): the domain throttles per account on top.
    await app.register(rateLimit, { global: false })
  }
  await app.register(swagger, openApiOptions)
  await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: true })

  operationRoutes(app, deps, options.isReady)
  authRoutes(app, deps)
  meRoutes(app, deps)
  passwordPolicyRoutes(app, deps)
  userRoutes(app, deps)
  await userBulkRoutes(app, deps)
  userActionRoutes(app, deps)
  setupRoutes(app, deps)
  organizationRoutes(app, deps)
  memberRoutes(app, deps)
  membershipRoutes(app, deps)
  eshopRoutes(app, deps)
  await shopifyWebhookRoutes(app, deps)
  settingsRoutes(app, deps)
  catalogueRoutes(app, deps)
  auditRoutes(app, deps)
  tenantRoutes(app, deps)
  overviewRoutes(app, deps)
  recoveryRoutes(app, deps)
  webhookRoutes(app, deps)
}

/** The Gatehouse v1 API as one Fastify plugin. */
export const gatehouse = fp(plugin, { name: "@gatehouse/adapters-http", fastify: "5.x" })
