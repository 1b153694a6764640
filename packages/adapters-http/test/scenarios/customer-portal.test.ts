import { type fakeShopify, startFakeShopify } from "@gatehouse/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeScenarioHarness, type ScenarioHarness, STORE } from "./support/scenarioHarness.ts"
import {
  createTenantSignedIn,
  json,
  lastSetupLinkTo,
  loggedIn,
  login,
  problem,
  readUser,
  request,
  setupTokenOf
} from "./support/steps.ts"

const TAG_CONFLICT_MESSAGE = "This email address is tied to a different customer."
const ADMIN_PASSWORD = "Tq8!Nebula-Crane-Vortex"
const PORTAL_PASSWORD = "Zr4?Quartz-Heron-Mosaic"

interface MemberRow {
  readonly user: { readonly id: string; readonly email: string }
  readonly membership: { readonly role: string; readonly active: boolean }
  readonly inEffect: boolean
}

/**
 * The customer portal's Users and Permissions page (preset `weevio`, organization roles Admin / Limited) walked
 * over HTTP on PostgreSQL: a portal Admin manages their own organization's people on the Active and Disabled
 * tabs, cannot lock themselves out, one email is one account across organizations, and eShop access is
 * invited, resent, activated, revoked and refused on a conflict against the fake Shopify store. The steps
 * build on each other, in order.
 */
describe(`customer portal users and eShop access (weevio) over HTTP on ${STORE}`, () => {
  let h: ScenarioHarness
  let shop: fakeShopify.FakeShopify
  const slug = "weevio-portal"
  let staffToken = ""
  let northwind = ""
  let contoso = ""
  let noraId = ""
  let noraToken = ""
  const people = new Map<string, string>() // email -> user id

  /** `GET /v1/organizations/{org}/members?status=` as `token`: the page's rows. */
  const tab = async (org: string, status: "active" | "disabled", token = noraToken) => {
    const response = await request(h, "GET", `/v1/organizations/${org}/members`, { token, query: { status } })
    expect(response.statusCode).toBe(200)
    const body = json(response)
    return { total: body.total as number, rows: body.items as ReadonlyArray<MemberRow> }
  }
  const emailsOn = (rows: ReadonlyArray<MemberRow>) => rows.map((row) => row.user.email).sort()

  const addMember = (org: string, email: string, role: string, token = noraToken) =>
    request(h, "POST", `/v1/organizations/${org}/members`, {
      token,
      body: { email, firstName: "Portal", lastName: "Person", role }
    })

  const eshop = (org: string, userId: string, action = "", token = noraToken) =>
    request(h, action === "" ? "GET" : "POST", `/v1/organizations/${org}/members/${userId}/eshop${action}`, {
      token
    })

  beforeAll(async () => {
    shop = await startFakeShopify()
    h = await makeScenarioHarness()
    const { token } = await createTenantSignedIn(h, ADMIN_PASSWORD, {
      slug,
      name: "Weevio Portal",
      preset: "weevio",
      admin: { email: "stella.staff@portal.test", firstName: "Stella", lastName: "Staff" }
    })
    staffToken = token
  })
  afterAll(async () => {
    await h?.close()
    await shop?.close()
  })

  it("staff create the customer accounts (organizations) with their PIMS codes", async () => {
    const create = async (body: Record<string, string>) => {
      const response = await request(h, "POST", "/v1/organizations", { token: staffToken, body })
      expect(response.statusCode).toBe(201)
      return json(response)
    }
    const nw = await create({ name: "Northwind Traders", pimsCustomerCode: "NW100", priceCode: "A" })
    expect(nw).toMatchObject({ name: "Northwind Traders", pimsCustomerCode: "NW100", priceCode: "A" })
    northwind = nw.id
    contoso = (await create({ name: "Contoso Retail", pimsCustomerCode: "CR200", priceCode: "B" })).id
  })

  it("invites the customer's first portal Admin: a pending Portal User with an emailed setup link", async () => {
    const added = await addMember(northwind, "nora@northwind.test", "Admin", staffToken)
    expect(added.statusCode).toBe(201)
    const body = json(added)
    expect(body).toMatchObject({
      created: true,
      user: { email: "nora@northwind.test", status: "pending", role: "Portal User" },
      membership: { organizationId: northwind, role: "Admin", active: true, expiresAt: null }
    })
    noraId = body.user.id
    people.set("nora@northwind.test", noraId)
    const link = await lastSetupLinkTo(h, "nora@northwind.test")
    expect(link).toBe(body.setupUrl)
    const token = setupTokenOf(link)
    expect(json(await request(h, "POST", "/v1/setup/start", { body: { token } }))).toMatchObject({
      email: "nora@northwind.test",
      tenant: { slug },
      requiresTotp: false
    })
    const completed = await request(h, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Nora North", password: PORTAL_PASSWORD }
    })
    expect(completed.statusCode).toBe(200)
    const session = await loggedIn(login(h, slug, "nora@northwind.test", PORTAL_PASSWORD))
    expect(session.scope).toBe("full")
    noraToken = session.token
    const me = json(await request(h, "GET", "/v1/me", { token: noraToken }))
    expect(me).toMatchObject({ id: noraId, status: "active", role: "Portal User" })
    expect(me.memberships).toEqual([
      {
        organization: {
          id: northwind,
          name: "Northwind Traders",
          slug: "northwind-traders",
          companyName: null,
          taxId: null,
          status: "active",
          kind: "business"
        },
        role: "Admin",
        active: true,
        expiresAt: null,
        inEffect: true
      }
    ])
  })

  it("the portal Admin adds their colleagues and sees them on the Active tab; nothing of other customers", async () => {
    for (const email of ["liam@northwind.test", "maya@northwind.test"]) {
      const added = await addMember(northwind, email, "Limited")
      expect(added.statusCode).toBe(201)
      expect(json(added)).toMatchObject({ created: true, user: { email } })
      // the membership view: the tenant account's status, role, phone ... stay with the tenant's admins
      expect(json(added).user).not.toHaveProperty("status")
      people.set(email, json(added).user.id)
    }
    const active = await tab(northwind, "active")
    expect(active.total).toBe(3)
    expect(emailsOn(active.rows)).toEqual([
      "liam@northwind.test",
      "maya@northwind.test",
      "nora@northwind.test"
    ])
    expect(active.rows.every((row) => row.inEffect && row.membership.active)).toBe(true)
    expect((await tab(northwind, "disabled")).total).toBe(0)
    // another customer's page and the staff user list are not theirs
    expect(
      problem(await request(h, "GET", `/v1/organizations/${contoso}/members`, { token: noraToken }))
    ).toMatchObject({ status: 403 })
    expect(problem(await addMember(contoso, "sneaky@northwind.test", "Limited"))).toMatchObject({
      status: 403
    })
    expect((await request(h, "GET", "/v1/users", { token: noraToken })).statusCode).toBe(403)
    // no admin notes on portal pages
    expect(active.rows.every((row) => !("adminNotes" in row.user))).toBe(true)
  })

  it("one email is one account: a second organization reuses the same user; twice in one is ALREADY_MEMBER", async () => {
    const liamId = people.get("liam@northwind.test")!
    const again = await addMember(northwind, "LIAM@Northwind.test", "Limited")
    expect(problem(again)).toMatchObject({ status: 409, code: "ALREADY_MEMBER" })
    const elsewhere = await addMember(contoso, "liam@northwind.test", "Limited", staffToken)
    expect(elsewhere.statusCode).toBe(201)
    expect(json(elsewhere)).toMatchObject({ created: false, user: { id: liamId } })
    expect(json(elsewhere)).not.toHaveProperty("setupUrl")
    const staffCreate = await request(h, "POST", "/v1/users", {
      token: staffToken,
      body: {
        email: "liam@northwind.test",
        firstName: "Liam",
        lastName: "Dup",
        role: "Regular",
        invite: true
      }
    })
    expect(problem(staffCreate)).toMatchObject({ status: 409, code: "EMAIL_TAKEN" })
    const { user } = await readUser(h, staffToken, liamId)
    expect(user.memberships.map((m: { organization: { name: string } }) => m.organization.name)).toEqual([
      "Contoso Retail",
      "Northwind Traders"
    ])
    const listed = json(
      await request(h, "GET", "/v1/users", { token: staffToken, query: { q: "liam@northwind.test" } })
    )
    expect(listed.total).toBe(1)
  })

  it("disables a member: they move from the Active tab to the Disabled tab, and back when re-enabled", async () => {
    const mayaId = people.get("maya@northwind.test")!
    const disabled = await request(h, "PATCH", `/v1/organizations/${northwind}/members/${mayaId}`, {
      token: noraToken,
      body: { active: false }
    })
    expect(disabled.statusCode).toBe(200)
    expect(json(disabled)).toMatchObject({ userId: mayaId, active: false })
    expect(emailsOn((await tab(northwind, "active")).rows)).toEqual([
      "liam@northwind.test",
      "nora@northwind.test"
    ])
    const disabledTab = await tab(northwind, "disabled")
    expect([disabledTab.total, emailsOn(disabledTab.rows)]).toEqual([1, ["maya@northwind.test"]])
    expect(disabledTab.rows[0]).toMatchObject({ inEffect: false, membership: { active: false } })
    await request(h, "PATCH", `/v1/organizations/${northwind}/members/${mayaId}`, {
      token: noraToken,
      body: { active: true }
    })
    expect((await tab(northwind, "active")).total).toBe(3)
    expect((await tab(northwind, "disabled")).total).toBe(0)
  })

  it("protects the portal Admin from themselves: no self-disable, no self-removal, no own role change", async () => {
    const self = `/v1/organizations/${northwind}/members/${noraId}`
    expect(
      problem(await request(h, "PATCH", self, { token: noraToken, body: { active: false } }))
    ).toMatchObject({
      status: 403,
      code: "CANNOT_DISABLE_SELF"
    })
    expect(problem(await request(h, "DELETE", self, { token: noraToken }))).toMatchObject({
      status: 403,
      code: "CANNOT_DELETE_SELF"
    })
    expect(
      problem(await request(h, "PATCH", self, { token: noraToken, body: { role: "Limited" } }))
    ).toMatchObject({
      status: 403,
      code: "CANNOT_CHANGE_OWN_ROLE"
    })
    // and the customer keeps an Admin: staff cannot demote or remove the last one either
    expect(
      problem(await request(h, "PATCH", self, { token: staffToken, body: { role: "Limited" } }))
    ).toMatchObject({
      status: 409,
      code: "LAST_ADMIN"
    })
    expect(problem(await request(h, "DELETE", self, { token: staffToken }))).toMatchObject({
      status: 409,
      code: "LAST_ADMIN"
    })
    expect((await tab(northwind, "active")).rows.find((row) => row.user.id === noraId)).toMatchObject({
      membership: { role: "Admin", active: true }
    })
  })

  it("shows no eShop column until the tenant connects its store, then connects it (secrets write-only)", async () => {
    const liamId = people.get("liam@northwind.test")!
    expect(problem(await eshop(northwind, liamId))).toMatchObject({
      status: 409,
      code: "ESHOP_NOT_CONFIGURED"
    })
    const connected = await request(h, "PUT", "/v1/settings/shopify", {
      token: staffToken,
      body: { shopDomain: shop.shopDomain, accessToken: shop.accessToken, endpoint: shop.endpoint() }
    })
    expect(connected.statusCode).toBe(200)
    expect(json(connected)).toMatchObject({
      connected: true,
      shopDomain: shop.shopDomain,
      accessTokenSet: true
    })
    expect(connected.body).not.toContain(shop.accessToken)
    // the portal Admin manages eShop access but not the store connection
    expect((await request(h, "GET", "/v1/settings/shopify", { token: noraToken })).statusCode).toBe(403)
  })

  it("invites a member to the eShop: No Account, then Invited with an activation URL and the customer's tags", async () => {
    const liamId = people.get("liam@northwind.test")!
    expect(json(await eshop(northwind, liamId))).toEqual({ status: "no_account" })
    const invited = await eshop(northwind, liamId, "/invite")
    expect(invited.statusCode).toBe(200)
    const body = json(invited)
    expect(body).toMatchObject({ status: "invited", emailSent: true })
    expect(shop.activationUrlWorks(body.activationUrl)).toBe(true)
    const customer = shop.customerByEmail("liam@northwind.test")!
    expect(customer.tags).toEqual(["pims-customer:NW100", "pims-name:Northwind Traders", "price-code:A"])
    expect(shop.outbox().filter((mail) => mail.to === "liam@northwind.test")).toHaveLength(1)
    expect(json(await eshop(northwind, liamId))).toEqual({ status: "invited" })
  })

  it("resends the invitation, copies a fresh activation URL, and shows Active once the member activates", async () => {
    const liamId = people.get("liam@northwind.test")!
    expect(json(await eshop(northwind, liamId, "/resend"))).toEqual({ status: "invited" })
    expect(shop.outbox().filter((mail) => mail.to === "liam@northwind.test")).toHaveLength(2)
    const copied = json(await eshop(northwind, liamId, "/activation-url"))
    expect(shop.activationUrlWorks(copied.activationUrl)).toBe(true)
    shop.activate(shop.customerByEmail("liam@northwind.test")!.id)
    expect(json(await eshop(northwind, liamId))).toEqual({ status: "active" })
    expect(problem(await eshop(northwind, liamId, "/resend"))).toMatchObject({
      status: 409,
      code: "ESHOP_ALREADY_ACTIVE"
    })
  })

  it("stops an invite whose email is tied to a different customer, with the exact message, changing nothing", async () => {
    // Liam is one account in two organizations: his store customer carries Northwind's code already.
    const liamId = people.get("liam@northwind.test")!
    const shared = problem(await eshop(contoso, liamId, "/invite", staffToken))
    expect(shared).toMatchObject({ status: 409, code: "ESHOP_TAG_CONFLICT", detail: TAG_CONFLICT_MESSAGE })
    expect(shop.customerByEmail("liam@northwind.test")!.tags).not.toContain("pims-customer:CR200")
    // a store customer created outside the portal for another customer code
    const outsider = shop.seedCustomer({ email: "olga@northwind.test", tags: ["pims-customer:ZZ999"] })
    const added = json(await addMember(northwind, "olga@northwind.test", "Limited"))
    const refused = problem(await eshop(northwind, added.user.id, "/invite"))
    expect(refused).toMatchObject({ status: 409, code: "ESHOP_TAG_CONFLICT", detail: TAG_CONFLICT_MESSAGE })
    expect(shop.customer(outsider.id)!.tags).toEqual(["pims-customer:ZZ999"])
    expect(json(await eshop(northwind, added.user.id))).toEqual({ status: "inactive" })
  })

  it("gives a disabled member no store access, and revokes access: Inactive, the customer's tags gone", async () => {
    const mayaId = people.get("maya@northwind.test")!
    await request(h, "PATCH", `/v1/organizations/${northwind}/members/${mayaId}`, {
      token: noraToken,
      body: { active: false }
    })
    expect(problem(await eshop(northwind, mayaId, "/invite"))).toMatchObject({
      status: 409,
      code: "ESHOP_MEMBER_INACTIVE"
    })
    expect(shop.customerByEmail("maya@northwind.test")).toBeUndefined()

    const liamId = people.get("liam@northwind.test")!
    expect(json(await eshop(northwind, liamId, "/revoke"))).toEqual({ status: "inactive" })
    const customer = shop.customerByEmail("liam@northwind.test")!
    expect(customer.tags).toEqual([])
    expect(json(await eshop(northwind, liamId))).toEqual({ status: "inactive" })
    // freed from Northwind, the same account can now be given Contoso's store access
    expect(json(await eshop(contoso, liamId, "/invite", staffToken)).status).toBe("active")
    expect(shop.customerByEmail("liam@northwind.test")!.tags).toContain("pims-customer:CR200")

    const audit = json(
      await request(h, "GET", "/v1/audit-events", {
        token: staffToken,
        query: { target: liamId, limit: "100" }
      })
    )
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["eshop.invited", "eshop.invite_resent", "eshop.revoked", "membership.added"])
    )
  })
})
