import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createGatehouseClient, GatehouseProblem, isProblem, ok, problemFromResponse } from "../src/index.ts"
import {
  BASE_URL,
  injectFetch,
  makeApp,
  NEW_PASSWORD,
  type NewTenant,
  newTenant,
  type TestApp
} from "./support/app.ts"

describe("createGatehouseClient against the routes (in memory)", () => {
  let harness: TestApp
  let admin: NewTenant

  beforeAll(async () => {
    harness = await makeApp()
    admin = await newTenant(harness.app, "client-test")
  })
  afterAll(() => harness.close())

  it("answers the data of a success, typed by the route; a 204 answers undefined", async () => {
    const client = createGatehouseClient({ baseUrl: BASE_URL, fetch: injectFetch(harness.app) })
    const session = await ok(
      client.POST("/v1/auth/login", {
        body: { tenant: admin.slug, email: admin.email, password: admin.password }
      })
    )
    expect(session.session.scope).toBe("password_change")
    const authed = createGatehouseClient({
      baseUrl: BASE_URL,
      fetch: injectFetch(harness.app),
      token: session.token
    })
    const me = await ok(authed.GET("/v1/me"))
    expect(me.email).toBe(admin.email)
    const changed = await ok(
      authed.POST("/v1/me/password", { body: { currentPassword: admin.password, newPassword: NEW_PASSWORD } })
    )
    expect(changed).toBeUndefined()
    admin = { ...admin, password: NEW_PASSWORD }
  })

  it("throws a GatehouseProblem with the problem's code, status and detail", async () => {
    const client = createGatehouseClient({ baseUrl: BASE_URL, fetch: injectFetch(harness.app) })
    const failure = await ok(
      client.POST("/v1/auth/login", {
        body: { tenant: admin.slug, email: admin.email, password: "wrong-password" }
      })
    ).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(GatehouseProblem)
    expect(isProblem(failure, "INVALID_CREDENTIALS")).toBe(true)
    expect(isProblem(failure, "MFA_REQUIRED")).toBe(false)
    const problem = failure as GatehouseProblem
    expect(problem.status).toBe(401)
    expect(problem.detail).toMatch(/not correct/)
  })

  it("carries the field errors of a VALIDATION problem", async () => {
    const client = createGatehouseClient({ baseUrl: BASE_URL, fetch: injectFetch(harness.app) })
    const failure = await ok(
      // a tenant slug is at most 100 characters
      client.POST("/v1/auth/login", { body: { tenant: "t".repeat(101), email: admin.email, password: "x" } })
    ).catch((error: unknown) => error)
    expect(isProblem(failure, "VALIDATION")).toBe(true)
    expect((failure as GatehouseProblem).errors.map((e) => e.path)).toContain("tenant")
  })
})

describe("problemFromResponse", () => {
  it("reads Retry-After in seconds", () => {
    const response = new Response(null, { status: 429, headers: { "retry-after": "42" } })
    const problem = problemFromResponse(response, {
      type: "urn:gatehouse:problem:too-many-attempts",
      title: "Too many attempts",
      status: 429,
      detail: "wait",
      code: "TOO_MANY_ATTEMPTS"
    })
    expect(problem.code).toBe("TOO_MANY_ATTEMPTS")
    expect(problem.retryAfterSeconds).toBe(42)
  })

  it("turns a body that is no problem document into UNEXPECTED_RESPONSE with the status", () => {
    const problem = problemFromResponse(new Response(null, { status: 502 }), "<html>Bad gateway</html>")
    expect(problem.code).toBe("UNEXPECTED_RESPONSE")
    expect(problem.status).toBe(502)
    expect(problem.errors).toEqual([])
  })
})
