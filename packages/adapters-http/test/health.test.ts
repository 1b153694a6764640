import { describe, expect, it } from "vitest"
import { makeHarness } from "./support/harness.ts"

describe("operations", () => {
  it("answers /healthz and reports readiness from the store check", async () => {
    let ready = false
    const { app, close } = await makeHarness({ isReady: async () => ready })
    expect((await app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" })
    const notReady = await app.inject({ method: "GET", url: "/readyz" })
    expect(notReady.statusCode).toBe(503)
    expect(notReady.json()).toEqual({ status: "unavailable" })
    ready = true
    expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200)
    await close()
  })

  it("reports not ready when the store check throws", async () => {
    const { app, close } = await makeHarness({
      isReady: async () => {
        throw new Error("connection refused")
      }
    })
    expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(503)
    await close()
  })

  it("serves the docs UI and security headers", async () => {
    const { app, close } = await makeHarness()
    const docs = await app.inject({ method: "GET", url: "/docs" })
    expect([200, 302]).toContain(docs.statusCode)
    const health = await app.inject({ method: "GET", url: "/healthz" })
    expect(health.headers["x-content-type-options"]).toBe("nosniff")
    expect(health.headers["x-request-id"]).toBeTypeOf("string")
    await close()
  })
})
