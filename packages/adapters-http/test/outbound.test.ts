import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import * as Outbound from "@gatehouse/adapters-outbound"
import type { TenantId } from "@gatehouse/domain"
import { connectFakeShopify } from "@gatehouse/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  layerOutboundForTests,
  layerShopifyForTests,
  makeHarness,
  newTenant,
  PLATFORM_TOKEN,
  type TenantAdmin,
  testShopifyOptions
} from "./support/harness.ts"

/** The table: every endpoint the server must refuse, when saved and when called. */
const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  ["loopback v4", "https://127.0.0.1/admin/api/2026-07/graphql.json", "address"],
  ["loopback v6", "https://[::1]/admin/api/2026-07/graphql.json", "address"],
  ["10/8", "https://10.1.2.3/graphql.json", "address"],
  ["172.16/12", "https://172.16.5.4/graphql.json", "address"],
  ["192.168/16", "https://192.168.0.10/graphql.json", "address"],
  ["cloud metadata", "https://169.254.169.254/latest/meta-data/", "address"],
  ["IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/graphql.json", "address"],
  ["a name resolving to a private address", "https://private.example/graphql.json", "address"],
  ["a name resolving to the metadata address", "https://metadata.example/graphql.json", "address"],
  ["http without allowance", "http://shop-proxy.example/graphql.json", "scheme"]
]

/**
 * The outbound rule over HTTP with the real outbound adapter: nothing allowed but the name `loopback.example`
 * (127.0.0.1 through the tests' resolver), so a local server can stand for a redirecting proxy.
 */
describe("outbound URLs a tenant admin configures (OUTBOUND_URL_REFUSED)", () => {
  let h: Harness
  let admin: TenantAdmin
  let redirector: Server
  let redirects = 0
  const shop = { shopDomain: "acme-outbound.myshopify.com", accessToken: "shpat_outbound" }

  beforeAll(async () => {
    redirector = createServer((_, response) => {
      redirects += 1
      response.writeHead(302, { location: "http://10.0.0.1/graphql.json" }).end()
    })
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve))
    const outbound = layerOutboundForTests({ allow: Outbound.allowListOf("loopback.example") })
    h = await makeHarness({ shopify: layerShopifyForTests(testShopifyOptions, outbound) })
    admin = await newTenant(h.app)
  })
  afterAll(async () => {
    await h.close()
    await new Promise<void>((resolve) => redirector.close(() => resolve()))
  })

  const putShopify = (endpoint: string) =>
    call(h.app, "PUT", "/v1/settings/shopify", { token: admin.token, body: { ...shop, endpoint } })

  /** A member of an organization with a customer code, whose eShop status reads the store. */
  const memberStatus = async () => {
    const org = await call(h.app, "POST", "/v1/organizations", {
      token: admin.token,
      body: { name: `Org ${Math.random()}`, pimsCustomerCode: "C1" }
    })
    const orgId = json(org).id as string
    const added = await call(h.app, "POST", `/v1/organizations/${orgId}/members`, {
      token: admin.token,
      body: {
        email: `m${Math.random().toString(36).slice(2)}@portal.test`,
        firstName: "M",
        lastName: "P",
        role: "Limited"
      }
    })
    const userId = json(added).user.id as string
    return () =>
      call(h.app, "GET", `/v1/organizations/${orgId}/members/${userId}/eshop`, { token: admin.token })
  }

  it("refuses every endpoint of the table when saved: 422, the field named, nothing stored", async () => {
    for (const [what, endpoint, reason] of REFUSED) {
      const response = await putShopify(endpoint)
      expect(response.statusCode, what).toBe(422)
      expect(json(response), what).toMatchObject({
        code: "OUTBOUND_URL_REFUSED",
        reason,
        errors: [{ path: "endpoint" }]
      })
      expect(response.body).not.toContain("graphql.json")
    }
    const read = await call(h.app, "GET", "/v1/settings/shopify", { token: admin.token })
    expect(json(read)).toMatchObject({ connected: false, endpoint: null })
  })

  it("refuses every endpoint of the table when called (stored before the rule, or DNS changed since)", async () => {
    const status = await memberStatus()
    for (const [what, endpoint, reason] of REFUSED) {
      await h.runtime.runPromise(
        connectFakeShopify(admin.tenantId as TenantId, { ...shop, endpoint: () => endpoint })
      )
      const response = await status()
      expect(response.statusCode, what).toBe(422)
      expect(json(response), what).toMatchObject({ code: "OUTBOUND_URL_REFUSED", reason })
    }
  })

  it("a redirect to a private address is refused when called and never followed", async () => {
    const endpoint = `http://loopback.example:${(redirector.address() as AddressInfo).port}/graphql.json`
    expect((await putShopify(endpoint)).statusCode).toBe(200)
    const response = await (await memberStatus())()
    expect(response.statusCode).toBe(422)
    expect(json(response)).toMatchObject({ code: "OUTBOUND_URL_REFUSED", reason: "redirect" })
    // the one request went to the redirector; 10.0.0.1 was never asked (it would have timed out, not 422)
    expect(redirects).toBeGreaterThanOrEqual(1)
  })

  it("refuses a PIMS verify URL the rule refuses, and keeps the one stored", async () => {
    // the platform operator's setting (issue 12, item 4); the tenant admin reads it
    const put = (verifyUrl: string) =>
      call(h.app, "PUT", `/v1/tenants/${admin.slug}/external-credentials/pims`, {
        token: PLATFORM_TOKEN,
        body: { verifyUrl }
      })
    expect((await put("https://pims.example/verify")).statusCode).toBe(200)
    for (const [what, url, reason] of REFUSED) {
      const response = await put(url)
      expect(response.statusCode, what).toBe(422)
      expect(json(response), what).toMatchObject({
        code: "OUTBOUND_URL_REFUSED",
        reason,
        errors: [{ path: "verifyUrl" }]
      })
    }
    const read = await call(h.app, "GET", "/v1/settings/external-credentials/pims", { token: admin.token })
    expect(json(read).verifyUrl).toBe("https://pims.example/verify")
  })
})
