import { gatehouse } from "@gatehouse/adapters-http"
import { layer as shopifyLayer } from "@gatehouse/adapters-shopify"
import { layerMemory, memory } from "@gatehouse/testkit"
import { Layer, ManagedRuntime, Redacted } from "effect"
import Fastify, { type FastifyInstance } from "fastify"
import { createGatehouseClient, ok } from "../../src/index.ts"

export const PLATFORM_TOKEN = "client-test-platform-token-0123456789abcdef"
export const NEW_PASSWORD = "Tq8!Nebula-Crane-Vortex"
export const BASE_URL = "http://gatehouse.test"

export interface TestApp {
  readonly app: FastifyInstance
  readonly close: () => Promise<void>
}

/** The v1 API on the testkit's in-memory layers (the same routes as the server, no database). */
export const makeApp = async (): Promise<TestApp> => {
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      Layer.fresh(layerMemory),
      shopifyLayer().pipe(Layer.provide(memory.OutboundCalls.layerFake()))
    )
  )
  const app = Fastify({ logger: false })
  await app.register(gatehouse, { runtime, platformToken: Redacted.make(PLATFORM_TOKEN), rateLimit: false })
  await app.ready()
  return {
    app,
    close: async () => {
      await app.close()
      await runtime.dispose()
    }
  }
}

/** The client's `fetch` option answered by Fastify's inject: the real routes, no socket. */
export const injectFetch =
  (app: FastifyInstance) =>
  async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    const body = request.body === null ? undefined : await request.text()
    const answer = await app.inject({
      method: request.method as "GET",
      url: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(request.headers),
      ...(body === undefined ? {} : { payload: body })
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : String(value))
    }
    const empty = answer.statusCode === 204 || answer.statusCode === 304
    return new Response(empty ? null : answer.body, { status: answer.statusCode, headers })
  }

export interface NewTenant {
  readonly slug: string
  readonly email: string
  readonly password: string
}

/** A weevio tenant through `POST /v1/tenants`; its admin still has the generated (temporary) password. */
export const newTenant = async (app: FastifyInstance, slug: string): Promise<NewTenant> => {
  const platform = createGatehouseClient({
    baseUrl: BASE_URL,
    fetch: injectFetch(app),
    token: PLATFORM_TOKEN
  })
  const email = `olive@${slug}.test`
  const created = await ok(
    platform.POST("/v1/tenants", {
      body: {
        slug,
        name: "Client Test",
        preset: "weevio",
        admin: { email, firstName: "Olive", lastName: "Owner" }
      }
    })
  )
  return { slug: created.tenant.slug, email, password: created.generatedPassword ?? "" }
}

/** Logs in with the temporary password and sets `NEW_PASSWORD` (the forced first-login change). */
export const changeFirstPassword = async (app: FastifyInstance, tenant: NewTenant): Promise<NewTenant> => {
  const client = createGatehouseClient({ baseUrl: BASE_URL, fetch: injectFetch(app) })
  const { token } = await ok(
    client.POST("/v1/auth/login", {
      body: { tenant: tenant.slug, email: tenant.email, password: tenant.password }
    })
  )
  const authed = createGatehouseClient({ baseUrl: BASE_URL, fetch: injectFetch(app), token })
  await ok(
    authed.POST("/v1/me/password", { body: { currentPassword: tenant.password, newPassword: NEW_PASSWORD } })
  )
  return { ...tenant, password: NEW_PASSWORD }
}
