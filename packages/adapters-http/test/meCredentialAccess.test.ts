import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  newUser,
  problem,
  type TenantAdmin,
  type TestUser
} from "./support/harness.ts"

const ACCESS = "/v1/me/external-credentials/pims/access"
const OWN_SECRET = "own-pims-Secret-7731"
const DEFAULT_SECRET = "shared-pims-Secret-4409"

describe("GET /v1/me/external-credentials/{system}/access", () => {
  let h: Harness
  let admin: TenantAdmin
  beforeAll(async () => {
    h = await makeHarness()
    admin = await newTenant(h.app)
  })
  afterAll(() => h.close())

  const access = (user: { readonly token: string }, feature: string, url = ACCESS) =>
    call(h.app, "GET", url, { token: user.token, query: { feature } })

  const setDefaults = (defaultCredentials: { username: string; password: string } | null) =>
    call(h.app, "PUT", "/v1/settings/external-credentials/pims", {
      token: admin.token,
      body: { defaultCredentials }
    })

  it("without credentials: 409 EXTERNAL_CREDENTIALS_REQUIRED naming the feature's reason", async () => {
    const user = await newUser(h.app, admin)
    const orders = problem(await access(user, "orders"))
    expect(orders).toMatchObject({
      status: 409,
      contentType: expect.stringMatching(/^application\/problem\+json/u),
      code: "EXTERNAL_CREDENTIALS_REQUIRED",
      detail: "To access Orders and SROs, sign in to PIMS."
    })
    expect(problem(await access(user, "dashboard")).detail).toBe(
      "To access the home dashboard, sign in to PIMS."
    )
  })

  it("with one's own credentials, saved or connected: 200 source own, the username and never the password", async () => {
    const user = await newUser(h.app, admin)
    const saved = await call(h.app, "PUT", "/v1/me/external-credentials/pims", {
      token: user.token,
      body: { username: "rita", password: OWN_SECRET }
    })
    expect(saved.statusCode).toBe(200)
    const response = await access(user, "orders")
    expect(response.statusCode).toBe(200)
    expect(json(response)).toEqual({ system: "pims", feature: "orders", source: "own", username: "rita" })
    expect(json(response)).not.toHaveProperty("password")
    expect(response.body).not.toContain(OWN_SECRET)
    expect(json(await access(user, "dashboard")).feature).toBe("dashboard")
  })

  describe("while the tenant's default credentials are set", () => {
    let withOwn: TestUser
    let without: TestUser
    beforeAll(async () => {
      withOwn = await newUser(h.app, admin)
      without = await newUser(h.app, admin)
      await call(h.app, "PUT", "/v1/me/external-credentials/pims", {
        token: withOwn.token,
        body: { username: "own-login", password: OWN_SECRET }
      })
      expect((await setDefaults({ username: "shared", password: DEFAULT_SECRET })).statusCode).toBe(200)
    })
    afterAll(async () => {
      await setDefaults(null)
    })

    it("answers source tenantDefault for everyone, own credentials or not, never a password", async () => {
      for (const user of [withOwn, without, admin]) {
        const response = await access(user, "orders")
        expect(json(response)).toEqual({
          system: "pims",
          feature: "orders",
          source: "tenantDefault",
          username: "shared"
        })
        expect(response.body).not.toContain(DEFAULT_SECRET)
        expect(response.body).not.toContain(OWN_SECRET)
      }
    })

    it("falls back to one's own once the defaults are removed (none: the reason again)", async () => {
      expect((await setDefaults(null)).statusCode).toBe(200)
      expect(json(await access(withOwn, "orders"))).toMatchObject({ source: "own", username: "own-login" })
      expect(problem(await access(without, "orders")).code).toBe("EXTERNAL_CREDENTIALS_REQUIRED")
    })
  })

  it("an unknown system is 404; a system the tenant's preset keeps no credentials for, too", async () => {
    const user = await newUser(h.app, admin)
    expect(problem(await access(user, "orders", "/v1/me/external-credentials/sap/access"))).toMatchObject({
      status: 404,
      code: "NOT_FOUND"
    })
    const portal = await newTenant(h.app, "wetrack")
    expect(problem(await access(portal, "orders"))).toMatchObject({ status: 404, code: "NOT_FOUND" })
  })

  it("refuses a missing or unknown feature and excess query members (400 VALIDATION)", async () => {
    const user = await newUser(h.app, admin)
    for (const query of [{}, { feature: "reports" }, { feature: "orders", extra: "1" }]) {
      const response = await call(h.app, "GET", ACCESS, { token: user.token, query })
      expect(problem(response)).toMatchObject({ status: 400, code: "VALIDATION" })
    }
  })

  it("needs a full session: 401 without one", async () => {
    const anonymous = await call(h.app, "GET", ACCESS, { query: { feature: "orders" } })
    expect(problem(anonymous)).toMatchObject({ status: 401, code: "UNAUTHENTICATED" })
  })
})
