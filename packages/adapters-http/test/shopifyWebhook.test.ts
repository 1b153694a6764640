import { createHmac } from "node:crypto"
import { type fakeShopify, startFakeShopify } from "@gatehouse/testkit"
import type { LightMyRequestResponse } from "fastify"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  problem,
  type TenantAdmin
} from "./support/harness.ts"

const SECRET = "whsec-for-the-webhook-tests"

const sign = (body: string | Buffer, secret = SECRET) =>
  createHmac("sha256", secret).update(body).digest("base64")

let ids = 0

describe("POST /v1/webhooks/shopify/{tenantSlug}", () => {
  let h: Harness
  let fake: fakeShopify.FakeShopify
  let admin: TenantAdmin
  let customerId: string

  const deliver = (
    body: string,
    headers: Record<string, string | undefined> = {},
    slug = admin.slug
  ): Promise<LightMyRequestResponse> => {
    const all: Record<string, string | undefined> = {
      "content-type": "application/json",
      "x-shopify-topic": "customers/update",
      "x-shopify-webhook-id": `wh-${++ids}`,
      "x-shopify-shop-domain": fake.shopDomain,
      "x-shopify-hmac-sha256": sign(body),
      ...headers
    }
    return h.app.inject({
      method: "POST",
      url: `/v1/webhooks/shopify/${slug}`,
      headers: Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<
        string,
        string
      >,
      payload: body
    })
  }

  // Spacing and key order JSON.stringify would not reproduce: the HMAC must be checked on the bytes as sent.
  const payloadOf = (id: string) =>
    `{"id":${id.split("/").pop()},  "email" : "pat@portal.test",\n "admin_graphql_api_id": "${id}"}`

  beforeAll(async () => {
    fake = await startFakeShopify()
    h = await makeHarness()
    admin = await newTenant(h.app)
    const put = await call(h.app, "PUT", "/v1/settings/shopify", {
      token: admin.token,
      body: {
        shopDomain: fake.shopDomain,
        accessToken: fake.accessToken,
        endpoint: fake.endpoint(),
        webhookSecret: SECRET
      }
    })
    expect(put.statusCode).toBe(200)
    await call(h.app, "POST", "/v1/organizations", {
      token: admin.token,
      body: { name: "Acme", pimsCustomerCode: "C100" }
    })
    customerId = fake.seedCustomer({
      email: "pat@portal.test",
      tags: ["pims-customer:C100"],
      state: "ENABLED"
    }).id
  })
  afterAll(async () => {
    await h.close()
    await fake.close()
  })
  beforeEach(() => fake.faults.clear())

  it("processes a signed delivery on its raw bytes (200) and ignores its replay (200, duplicate)", async () => {
    const body = payloadOf(customerId)
    const first = await deliver(body, { "x-shopify-webhook-id": "wh-replayed" })
    expect([first.statusCode, json(first)]).toEqual([200, { status: "processed" }])
    const replay = await deliver(body, { "x-shopify-webhook-id": "wh-replayed" })
    expect([replay.statusCode, json(replay)]).toEqual([200, { status: "duplicate" }])

    const audit = json(
      await call(h.app, "GET", "/v1/audit-events", {
        token: admin.token,
        query: { action: "eshop.customer_changed" }
      })
    )
    const recorded = audit.items.filter(
      (e: { details: { webhookId: string } }) => e.details.webhookId === "wh-replayed"
    )
    expect(recorded).toHaveLength(1)
    expect(recorded[0]).toMatchObject({
      targetId: customerId,
      details: { topic: "customers/update", state: "ENABLED" }
    })
  })

  it("refuses a wrong, missing or foreign signature with 401 WEBHOOK_REFUSED and records nothing", async () => {
    const body = payloadOf(customerId)
    const cases = [
      { "x-shopify-hmac-sha256": sign(body, "another-secret") },
      { "x-shopify-hmac-sha256": undefined },
      { "x-shopify-hmac-sha256": sign(`${body} `) },
      { "x-shopify-hmac-sha256": "not base64 at all" },
      { "x-shopify-shop-domain": "someone-else.myshopify.com" }
    ]
    for (const headers of cases) {
      const response = await deliver(body, { ...headers, "x-shopify-webhook-id": "wh-refused" })
      expect(problem(response)).toMatchObject({ status: 401, code: "WEBHOOK_REFUSED" })
      expect(response.headers["www-authenticate"]).toBeDefined()
    }
    const audit = json(
      await call(h.app, "GET", "/v1/audit-events", {
        token: admin.token,
        query: { action: "eshop.customer_changed" }
      })
    )
    expect(
      audit.items.filter((e: { details: { webhookId: string } }) => e.details.webhookId === "wh-refused")
    ).toEqual([])
    // refused deliveries claimed nothing: the genuine one with that id is processed
    const genuine = await deliver(body, { "x-shopify-webhook-id": "wh-refused" })
    expect(json(genuine)).toEqual({ status: "processed" })
  })

  it("acknowledges a topic it does not handle (200, ignored) and refuses a signed delivery without ids (400)", async () => {
    const ignored = await deliver(payloadOf(customerId), { "x-shopify-topic": "orders/create" })
    expect([ignored.statusCode, json(ignored)]).toEqual([200, { status: "ignored" }])
    const noId = await deliver(payloadOf(customerId), { "x-shopify-webhook-id": undefined })
    expect(problem(noId)).toMatchObject({ status: 400, code: "WEBHOOK_MALFORMED" })
    const noCustomer = await deliver(`{"note":"no customer"}`)
    expect(problem(noCustomer)).toMatchObject({ status: 400, code: "WEBHOOK_MALFORMED" })
  })

  it("answers 404 for an unknown tenant and a tenant without a store, alike", async () => {
    const unknown = await deliver(payloadOf(customerId), {}, "no-such-tenant")
    const unconnected = await newTenant(h.app)
    const bare = await deliver(payloadOf(customerId), {}, unconnected.slug)
    for (const response of [unknown, bare]) {
      expect(problem(response)).toMatchObject({ status: 404, code: "NOT_FOUND" })
    }
    expect(json(unknown).detail).toBe(json(bare).detail)
  })

  it("answers 503 while the store does not answer, then processes Shopify's retry of the same id", async () => {
    const body = payloadOf(customerId)
    fake.faults.status(503, 10)
    const deferred = await deliver(body, { "x-shopify-webhook-id": "wh-retried" })
    expect(problem(deferred)).toMatchObject({ status: 503, code: "WEBHOOK_DEFERRED" })
    expect(deferred.headers["retry-after"]).toBeDefined()
    fake.faults.clear()
    const retried = await deliver(body, { "x-shopify-webhook-id": "wh-retried" })
    expect([retried.statusCode, json(retried)]).toEqual([200, { status: "processed" }])
  })

  it("keeps the raw-body parser to this route: other routes still refuse non-JSON bodies (415)", async () => {
    const login = await h.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      headers: { "content-type": "application/octet-stream" },
      payload: "tenant=x"
    })
    expect(problem(login)).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" })
    const json415 = await h.app.inject({
      method: "POST",
      url: "/v1/users",
      headers: { "content-type": "text/csv", authorization: `Bearer ${admin.token}` },
      payload: "email\nx@y.test\n"
    })
    expect(json415.statusCode).toBe(415)
  })
})
