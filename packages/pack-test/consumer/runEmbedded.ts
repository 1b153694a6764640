// Starts the README's Fastify composition (written next to this file as embed.ts) on an in-memory PGlite,
// creates a tenant over HTTP, logs its admin in (and asks who that is through the typed client), and prints
// what each request answered.
import { randomBytes } from "node:crypto"
import type { AddressInfo } from "node:net"
import { createGatehouseClient, ok } from "@gatehouse/client"
import { Redacted } from "effect"
import { createApp } from "./embed.ts"

const platformToken = randomBytes(32).toString("base64url")
const app = await createApp({
  secretKey: Redacted.make(randomBytes(32).toString("base64")),
  platformToken: Redacted.make(platformToken),
  publicUrl: "http://127.0.0.1"
})
await app.listen({ host: "127.0.0.1", port: 0 })
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

const call = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${base}${path}`, init)
  const text = await response.text()
  return { status: response.status, type: response.headers.get("content-type"), body: text }
}
const json = (body: unknown, token?: string): RequestInit => ({
  method: "POST",
  headers: {
    "content-type": "application/json",
    ...(token === undefined ? {} : { authorization: `Bearer ${token}` })
  },
  body: JSON.stringify(body)
})

const results: Record<string, { status: number; type: string | null; body: string }> = {}
let clientMe: string | undefined
try {
  results.hello = await call("/hello")
  results.ready = await call("/readyz")
  results.tenant = await call(
    "/v1/tenants",
    json(
      {
        slug: "acme",
        name: "Acme",
        preset: "weevio",
        admin: { email: "owner@acme.example", firstName: "Olive", lastName: "Owner" }
      },
      platformToken
    )
  )
  const password = (JSON.parse(results.tenant.body) as { generatedPassword?: string }).generatedPassword
  results.login = await call(
    "/v1/auth/login",
    json({ tenant: "acme", email: "owner@acme.example", password })
  )
  results.missing = await call("/v1/nothing-here")
  const { token } = JSON.parse(results.login.body) as { token: string }
  clientMe = (await ok(createGatehouseClient({ baseUrl: base, token }).GET("/v1/me"))).email
} finally {
  await app.close()
}
// Fastify logs to stdout too: the results are the one line that starts with RESULT
console.log(`RESULT ${JSON.stringify({ ...results, clientMe })}`)
