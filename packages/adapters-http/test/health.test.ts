import { gatehouse } from "@gatehouse/adapters-http"
import Fastify from "fastify"
import { describe, expect, it } from "vitest"

describe("health routes", () => {
  it("answers /healthz and reports readiness from the store check", async () => {
    let ready = false
    const app = Fastify()
    await app.register(gatehouse, { isReady: async () => ready })
    expect((await app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" })
    expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(503)
    ready = true
    expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200)
    await app.close()
  })
})
