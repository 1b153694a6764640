import { Validator } from "@seriousme/openapi-schema-validator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Harness, makeHarness } from "./support/harness.ts"

describe("OpenAPI 3.1 document", () => {
  let harness: Harness
  const routes: Array<{ method: string; url: string }> = []

  beforeAll(async () => {
    harness = await makeHarness()
  })
  afterAll(() => harness.close())

  it("passes the OpenAPI schema validator", async () => {
    const response = await harness.app.inject({ method: "GET", url: "/openapi.json" })
    expect(response.statusCode).toBe(200)
    const document = response.json()
    expect(document.openapi).toBe("3.1.0")
    const validator = new Validator()
    const result = await validator.validate(document)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it("lists every route Fastify serves (the docs UI's own files aside)", async () => {
    // a second instance, with an onRoute hook registered before the plugin, sees every route it adds
    const { default: Fastify } = await import("fastify")
    const { gatehouse } = await import("@gatehouse/adapters-http")
    const app = Fastify()
    app.addHook("onRoute", (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url })
    })
    await app.register(gatehouse, { runtime: harness.runtime, rateLimit: false })
    await app.ready()
    const document = (await app.inject({ method: "GET", url: "/openapi.json" })).json()
    await app.close()

    const served = routes.filter(
      (r) => r.method !== "HEAD" && !r.url.startsWith("/docs") && !r.url.includes("*")
    )
    expect(served.length).toBeGreaterThan(60)
    const missing = served.filter((r) => {
      const path = r.url.replace(/:(\w+)/g, "{$1}")
      return document.paths[path]?.[r.method.toLowerCase()] === undefined
    })
    expect(missing).toEqual([])
  })

  it("shows request schemas derived from the domain, closed to unknown properties", async () => {
    const document = (await harness.app.inject({ method: "GET", url: "/openapi.json" })).json()
    const login = document.paths["/v1/auth/login"].post
    const schema = login.requestBody.content["application/json"].schema
    expect(schema.additionalProperties).toBe(false)
    expect(schema.required).toEqual(["tenant", "email", "password"])
    const user = document.paths["/v1/users/{id}"].get
    expect(user.parameters.map((p: { name: string }) => p.name)).toEqual(["id"])
    const userSchema = user.responses["200"].content["application/json"].schema
    expect(Object.keys(userSchema.properties)).not.toContain("passwordHash")
    expect(user.responses.default.content["application/problem+json"]).toBeDefined()
  })

  it("documents the import's two body types and the webhook's raw JSON body", async () => {
    const document = (await harness.app.inject({ method: "GET", url: "/openapi.json" })).json()
    const importBody = document.paths["/v1/users/import"].post.requestBody.content
    expect(Object.keys(importBody).sort()).toEqual(["application/json", "text/csv"])
    expect(importBody["application/json"].schema.required).toEqual(["rows"])
    expect(importBody["text/csv"].schema.type).toBe("string")
    const webhook = document.paths["/v1/webhooks/shopify/{tenantSlug}"].post
    expect(webhook.security).toBeUndefined()
    expect(Object.keys(webhook.requestBody.content)).toEqual(["application/json"])
    const settings = document.paths["/v1/settings/shopify"].get.responses["200"].content["application/json"]
    expect(Object.keys(settings.schema.properties)).not.toContain("accessToken")
  })
})
