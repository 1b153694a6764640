import { createHmac } from "node:crypto"
import { type fakeShopify, startFakeShopify } from "@gatehouse/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { call, json, loginFull, PLATFORM_TOKEN, problem } from "../support/harness.ts"
import { makePgliteHarness, type PgliteHarness } from "./pgliteHarness.ts"

const WEBHOOK_SECRET = "whsec-e2e"

/**
 * eShop access over HTTP on PostgreSQL (PGlite) with the AES-GCM SecretBox: the store connection is sealed in
 * the database and opened for every call to the fake Shopify server; a member is invited and activates, and
 * the store's webhook is verified with the sealed secret. The steps build on each other, in order.
 */
describe("e2e on PGlite: eShop access and the Shopify webhook", () => {
  let h: PgliteHarness
  let fake: fakeShopify.FakeShopify
  const slug = "e2e-eshop"
  let adminToken = ""
  let orgId = ""
  let userId = ""
  let customerId = ""

  const eshop = (action = "") =>
    call(
      h.app,
      action === "" ? "GET" : "POST",
      `/v1/organizations/${orgId}/members/${userId}/eshop${action}`,
      {
        token: adminToken
      }
    )

  beforeAll(async () => {
    fake = await startFakeShopify()
    h = await makePgliteHarness()
    const created = await call(h.app, "POST", "/v1/tenants", {
      token: PLATFORM_TOKEN,
      body: {
        slug,
        name: "E2E eShop",
        preset: "weevio",
        admin: { email: "eve.admin@e2e.test", firstName: "Eve", lastName: "Admin" }
      }
    })
    adminToken = (await loginFull(h.app, slug, "eve.admin@e2e.test", json(created).generatedPassword)).token
  })
  afterAll(async () => {
    await h?.close()
    await fake?.close()
  })

  it("refuses eShop routes until the store is connected, then keeps the secrets to itself", async () => {
    const org = json(
      await call(h.app, "POST", "/v1/organizations", {
        token: adminToken,
        body: { name: "Northwind", pimsCustomerCode: "NW1", priceCode: "B" }
      })
    )
    orgId = org.id
    const member = json(
      await call(h.app, "POST", `/v1/organizations/${orgId}/members`, {
        token: adminToken,
        body: { email: "nora@northwind.test", firstName: "Nora", lastName: "North", role: "Limited" }
      })
    )
    userId = member.user.id
    expect(problem(await eshop())).toMatchObject({ status: 409, code: "ESHOP_NOT_CONFIGURED" })

    const connected = await call(h.app, "PUT", "/v1/settings/shopify", {
      token: adminToken,
      body: {
        shopDomain: fake.shopDomain,
        accessToken: fake.accessToken,
        endpoint: fake.endpoint(),
        webhookSecret: WEBHOOK_SECRET
      }
    })
    expect(connected.statusCode).toBe(200)
    expect(json(connected)).toMatchObject({ connected: true, accessTokenSet: true, webhookSecretSet: true })
    expect(connected.body).not.toContain(fake.accessToken)
    expect(connected.body).not.toContain(WEBHOOK_SECRET)
  })

  it("invites the member, who activates; the webhook of that change is verified and recorded once", async () => {
    expect(json(await eshop())).toEqual({ status: "no_account" })
    const invited = json(await eshop("/invite"))
    expect(invited).toMatchObject({ status: "invited", emailSent: true })
    expect(fake.activationUrlWorks(invited.activationUrl)).toBe(true)
    const customer = fake.customerByEmail("nora@northwind.test")!
    customerId = customer.id
    expect(customer.tags).toEqual(["pims-customer:NW1", "pims-name:Northwind", "price-code:B"])

    fake.activate(customerId)
    expect(json(await eshop())).toEqual({ status: "active" })

    const body = JSON.stringify({ id: Number(customerId.split("/").pop()), admin_graphql_api_id: customerId })
    const deliver = (signature: string) =>
      h.app.inject({
        method: "POST",
        url: `/v1/webhooks/shopify/${slug}`,
        headers: {
          "content-type": "application/json",
          "x-shopify-topic": "customers/enable",
          "x-shopify-webhook-id": "e2e-webhook-1",
          "x-shopify-shop-domain": fake.shopDomain,
          "x-shopify-hmac-sha256": signature
        },
        payload: body
      })
    const forged = await deliver(createHmac("sha256", "guessed").update(body).digest("base64"))
    expect(problem(forged)).toMatchObject({ status: 401, code: "WEBHOOK_REFUSED" })
    const signature = createHmac("sha256", WEBHOOK_SECRET).update(body).digest("base64")
    expect(json(await deliver(signature))).toEqual({ status: "processed" })
    expect(json(await deliver(signature))).toEqual({ status: "duplicate" })

    const audit = json(
      await call(h.app, "GET", "/v1/audit-events", {
        token: adminToken,
        query: { action: "eshop.customer_changed" }
      })
    )
    expect(audit.items).toHaveLength(1)
    expect(audit.items[0]).toMatchObject({
      targetId: customerId,
      details: { topic: "customers/enable", organizations: [{ organizationId: orgId, status: "active" }] }
    })
  })

  it("revokes the member's access: the organization's tags go, the customer stays", async () => {
    expect(json(await eshop("/revoke"))).toEqual({ status: "inactive" })
    expect(fake.customer(customerId)).toMatchObject({ state: "ENABLED", tags: [] })
  })
})
