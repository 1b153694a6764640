import { ESHOP_TAG_CONFLICT_MESSAGE } from "@gatehouse/domain"
import { type fakeShopify, startFakeShopify } from "@gatehouse/testkit"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  newUser,
  PASSWORD,
  problem,
  setupTokenOf,
  type TenantAdmin
} from "./support/harness.ts"

/** eShop access end to end over HTTP: the in-memory domain, the real Shopify adapter, the fake Shopify server. */
describe("eShop routes", () => {
  let h: Harness
  let fake: fakeShopify.FakeShopify
  let admin: TenantAdmin
  let orgId: string
  let members = 0

  const connect = (tenant: TenantAdmin) =>
    call(h.app, "PUT", "/v1/settings/shopify", {
      token: tenant.token,
      body: {
        shopDomain: fake.shopDomain,
        accessToken: fake.accessToken,
        endpoint: fake.endpoint(),
        webhookSecret: "whsec-not-to-be-seen"
      }
    })

  /** A pending Limited member of the organization, added through the members route. */
  const addMember = async (email = `pat${++members}@portal.test`) => {
    const added = await call(h.app, "POST", `/v1/organizations/${orgId}/members`, {
      token: admin.token,
      body: { email, firstName: "Pat", lastName: "Portal", role: "Limited" }
    })
    expect(added.statusCode).toBe(201)
    return { userId: json(added).user.id as string, email }
  }

  const eshop = (userId: string, action = "", token = admin.token) =>
    call(
      h.app,
      action === "" ? "GET" : "POST",
      `/v1/organizations/${orgId}/members/${userId}/eshop${action}`,
      {
        token
      }
    )

  beforeAll(async () => {
    fake = await startFakeShopify()
    h = await makeHarness()
    admin = await newTenant(h.app)
    expect((await connect(admin)).statusCode).toBe(200)
    const org = await call(h.app, "POST", "/v1/organizations", {
      token: admin.token,
      body: { name: "Acme, Inc.", pimsCustomerCode: "C100", priceCode: "P1" }
    })
    orgId = json(org).id
  })
  afterAll(async () => {
    await h.close()
    await fake.close()
  })
  beforeEach(() => {
    fake.faults.clear()
  })

  it("connects the store: secrets are write-only, never answered", async () => {
    const put = await connect(admin)
    const read = await call(h.app, "GET", "/v1/settings/shopify", { token: admin.token })
    for (const response of [put, read]) {
      expect(response.statusCode).toBe(200)
      expect(json(response)).toEqual({
        connected: true,
        shopDomain: fake.shopDomain,
        apiVersion: "2026-07",
        endpoint: fake.endpoint(),
        tagFormats: {
          customerCode: "pims-customer:{value}",
          customerName: "pims-name:{value}",
          priceCode: "price-code:{value}"
        },
        accessTokenSet: true,
        webhookSecretSet: true
      })
      expect(response.body).not.toContain(fake.accessToken)
      expect(response.body).not.toContain("whsec-not-to-be-seen")
    }
  })

  it("refuses settings to a user without settings:manage (403) and a bad domain (400)", async () => {
    const user = await newUser(h.app, admin)
    expect((await call(h.app, "GET", "/v1/settings/shopify", { token: user.token })).statusCode).toBe(403)
    const bad = await call(h.app, "PUT", "/v1/settings/shopify", {
      token: admin.token,
      body: { shopDomain: "evil.example.com", accessToken: "x" }
    })
    expect(bad.statusCode).toBe(400)
    expect(json(bad).errors.map((e: { path: string }) => e.path)).toContain("shopDomain")
  })

  it("invites, resends, copies a new activation URL, sees activation and revokes", async () => {
    const { userId, email } = await addMember()
    expect(json(await eshop(userId))).toEqual({ status: "no_account" })

    const invited = await eshop(userId, "/invite")
    expect(invited.statusCode).toBe(200)
    const invitation = json(invited)
    expect(invitation).toMatchObject({ status: "invited", emailSent: true })
    expect(fake.activationUrlWorks(invitation.activationUrl)).toBe(true)
    const customer = fake.customerByEmail(email)!
    expect(customer.tags).toEqual(["pims-customer:C100", "pims-name:Acme Inc.", "price-code:P1"])
    expect(fake.outbox().filter((mail) => mail.to === email)).toHaveLength(1)
    expect(json(await eshop(userId))).toEqual({ status: "invited" })

    const resent = await eshop(userId, "/resend")
    expect([resent.statusCode, json(resent)]).toEqual([200, { status: "invited" }])
    expect(fake.outbox().filter((mail) => mail.to === email)).toHaveLength(2)

    const copied = await eshop(userId, "/activation-url")
    expect(copied.statusCode).toBe(200)
    const { activationUrl } = json(copied)
    expect(activationUrl).not.toBe(invitation.activationUrl)
    expect(fake.activationUrlWorks(activationUrl)).toBe(true)
    expect(fake.activationUrlWorks(invitation.activationUrl)).toBe(false)

    fake.activate(customer.id)
    expect(json(await eshop(userId))).toEqual({ status: "active" })
    expect(problem(await eshop(userId, "/resend"))).toMatchObject({
      status: 409,
      code: "ESHOP_ALREADY_ACTIVE"
    })

    const revoked = await eshop(userId, "/revoke")
    expect([revoked.statusCode, json(revoked)]).toEqual([200, { status: "inactive" }])
    expect(fake.customer(customer.id)!.tags).toEqual([])
    expect(json(await eshop(userId))).toEqual({ status: "inactive" })

    const audit = json(
      await call(h.app, "GET", "/v1/audit-events", { token: admin.token, query: { target: userId } })
    )
    const actions = audit.items.map((e: { action: string }) => e.action)
    for (const action of [
      "eshop.invited",
      "eshop.invite_resent",
      "eshop.activation_url_generated",
      "eshop.revoked"
    ]) {
      expect(actions).toContain(action)
    }
  })

  it("a second invite makes no second customer and no duplicate tag", async () => {
    const { userId, email } = await addMember()
    await eshop(userId, "/invite")
    const again = await eshop(userId, "/invite")
    expect([again.statusCode, json(again).status]).toEqual([200, "invited"])
    expect(fake.customers().filter((c) => c.email === email)).toHaveLength(1)
    expect(fake.customerByEmail(email)!.tags).toHaveLength(3)
  })

  it("answers 409 ESHOP_TAG_CONFLICT with the exact message when the email is another customer's", async () => {
    const email = `taken${++members}@portal.test`
    const other = fake.seedCustomer({ email, tags: ["pims-customer:C999"] })
    const { userId } = await addMember(email)
    const refused = problem(await eshop(userId, "/invite"))
    expect(refused).toMatchObject({
      status: 409,
      code: "ESHOP_TAG_CONFLICT",
      detail: ESHOP_TAG_CONFLICT_MESSAGE
    })
    expect(refused.detail).toBe("This email address is tied to a different customer.")
    expect(refused.contentType).toMatch(/^application\/problem\+json/)
    expect(fake.customer(other.id)!.tags).toEqual(["pims-customer:C999"])
  })

  it("answers the resend and activation URL of a member never invited with 409 ESHOP_NOT_INVITED", async () => {
    const { userId } = await addMember()
    for (const action of ["/resend", "/activation-url"]) {
      expect(problem(await eshop(userId, action))).toMatchObject({
        status: 409,
        code: "ESHOP_NOT_INVITED",
        eshopStatus: "no_account"
      })
    }
  })

  it("answers 502 SHOPIFY_UNAVAILABLE when the store keeps failing, and 404 for a non-member", async () => {
    const { userId } = await addMember()
    fake.faults.status(503, 10)
    const failed = problem(await eshop(userId, "/invite"))
    expect(failed).toMatchObject({ status: 502, code: "SHOPIFY_UNAVAILABLE" })
    expect(JSON.stringify(failed)).not.toContain("503")
    fake.faults.clear()
    const stranger = await newUser(h.app, admin)
    expect(problem(await eshop(stranger.id))).toMatchObject({ status: 404, code: "NOT_FOUND" })
  })

  it("refuses a user without eshop:manage (403) and a tenant without a store (409 ESHOP_NOT_CONFIGURED)", async () => {
    const { userId } = await addMember()
    const regular = await newUser(h.app, admin)
    expect(problem(await eshop(userId, "", regular.token))).toMatchObject({ status: 403, code: "FORBIDDEN" })
    expect((await eshop(userId, "/invite", regular.token)).statusCode).toBe(403)

    const unconnected = await newTenant(h.app)
    const org = json(
      await call(h.app, "POST", "/v1/organizations", {
        token: unconnected.token,
        body: { name: "Globex", pimsCustomerCode: "G1" }
      })
    )
    const member = json(
      await call(h.app, "POST", `/v1/organizations/${org.id}/members`, {
        token: unconnected.token,
        body: { email: "gus@globex.test", firstName: "Gus", lastName: "Globex", role: "Limited" }
      })
    )
    const response = await call(h.app, "GET", `/v1/organizations/${org.id}/members/${member.user.id}/eshop`, {
      token: unconnected.token
    })
    expect(problem(response)).toMatchObject({ status: 409, code: "ESHOP_NOT_CONFIGURED" })
    const availability = await call(h.app, "GET", `/v1/organizations/${org.id}/eshop`, {
      token: unconnected.token
    })
    expect([availability.statusCode, json(availability)]).toEqual([200, { configured: false }])
    const settings = json(await call(h.app, "GET", "/v1/settings/shopify", { token: unconnected.token }))
    expect(settings).toMatchObject({ connected: false, accessTokenSet: false, webhookSecretSet: false })
  })

  it("answers whether the store is configured (GET /v1/organizations/{orgId}/eshop) without calling Shopify", async () => {
    const before = fake.requests().length
    const read = await call(h.app, "GET", `/v1/organizations/${orgId}/eshop`, { token: admin.token })
    expect([read.statusCode, json(read)]).toEqual([200, { configured: true }])
    expect(fake.requests()).toHaveLength(before)
    const regular = await newUser(h.app, admin)
    const refused = await call(h.app, "GET", `/v1/organizations/${orgId}/eshop`, { token: regular.token })
    expect(problem(refused)).toMatchObject({ status: 403, code: "FORBIDDEN" })
  })

  it("lets an organization Admin manage their own organization's members", async () => {
    const portalAdmin = await addMember()
    const promoted = await call(h.app, "PATCH", `/v1/organizations/${orgId}/members/${portalAdmin.userId}`, {
      token: admin.token,
      body: { role: "Admin" }
    })
    expect(promoted.statusCode).toBe(200)
    const link = json(
      await call(h.app, "POST", `/v1/users/${portalAdmin.userId}/setup-link`, { token: admin.token })
    )
    const token = setupTokenOf(link.setupUrl)
    const started = await call(h.app, "POST", "/v1/setup/start", { body: { token } })
    expect(started.statusCode).toBe(200)
    const completed = await call(h.app, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Pat Admin", password: PASSWORD }
    })
    expect(completed.statusCode).toBe(200)
    const login = json(
      await call(h.app, "POST", "/v1/auth/login", {
        body: { tenant: admin.slug, email: portalAdmin.email, password: PASSWORD }
      })
    )
    const { userId } = await addMember()
    const status = await eshop(userId, "", login.token)
    expect([status.statusCode, json(status)]).toEqual([200, { status: "no_account" }])
    const availability = await call(h.app, "GET", `/v1/organizations/${orgId}/eshop`, { token: login.token })
    expect([availability.statusCode, json(availability)]).toEqual([200, { configured: true }])
  })
})
