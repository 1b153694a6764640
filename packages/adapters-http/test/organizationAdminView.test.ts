import { beforeAll, describe, expect, it } from "vitest"
import { call, json, newUser, problem, type TestUser } from "./support/harness.ts"
import { tenantWithAdmin } from "./support/tenantWithAdmin.ts"

/**
 * Issue 12, item 6 over HTTP: an organization Admin who added an existing email got the user's tenant role,
 * phone, status, last login, TOTP state and module permissions back, and could pull tenant staff (the tenant's
 * Admin too) into their customer organization.
 */
describe("an organization Admin gets the membership view and adds only portal users", () => {
  const { h, admin } = tenantWithAdmin()
  let orgAdmin: TestUser
  let orgId = ""
  const MEMBERSHIP_VIEW = ["displayName", "email", "firstName", "id", "lastName"]

  beforeAll(async () => {
    const org = await call(h.app, "POST", "/v1/organizations", {
      token: admin.token,
      body: { name: "Contoso" }
    })
    orgId = json(org).id
    orgAdmin = await newUser(h.app, admin, { role: "Portal User" })
    const made = await call(h.app, "POST", `/v1/organizations/${orgId}/members`, {
      token: admin.token,
      body: { email: orgAdmin.email, firstName: "O", lastName: "A", role: "Admin" }
    })
    expect(made.statusCode).toBe(201)
  })

  const add = (token: string, email: string) =>
    call(h.app, "POST", `/v1/organizations/${orgId}/members`, {
      token,
      body: { email, firstName: "Pat", lastName: "Portal", role: "Limited" }
    })

  it("the tenant's Admin and a Regular staff user: 403 USER_NOT_ADDABLE, no membership", async () => {
    const staff = await newUser(h.app, admin, { role: "Regular", phone: "+41791234567" })
    for (const email of [admin.email, staff.email]) {
      const refused = await add(orgAdmin.token, email)
      expect(problem(refused)).toMatchObject({
        status: 403,
        code: "USER_NOT_ADDABLE",
        memberRole: "Portal User"
      })
      expect(json(refused).detail).toContain("tenant administrator")
    }
    const members = json(
      await call(h.app, "GET", `/v1/organizations/${orgId}/members`, { token: admin.token })
    )
    expect(members.items.map((m: { user: { email: string } }) => m.user.email)).toEqual([orgAdmin.email])
  })

  it("an existing portal user is added and answered with id, email and names only; so is the list", async () => {
    const portal = await newUser(h.app, admin, { role: "Portal User", phone: "+41791234568" })
    const added = await add(orgAdmin.token, portal.email)
    expect(added.statusCode).toBe(201)
    expect(Object.keys(json(added).user).sort()).toEqual(MEMBERSHIP_VIEW)
    const fresh = await add(orgAdmin.token, "newcomer@contoso.test")
    expect(fresh.statusCode).toBe(201)
    expect(Object.keys(json(fresh).user).sort()).toEqual(MEMBERSHIP_VIEW)
    const listed = json(
      await call(h.app, "GET", `/v1/organizations/${orgId}/members`, { token: orgAdmin.token })
    )
    expect(listed.items.length).toBe(3)
    for (const item of listed.items) expect(Object.keys(item.user).sort()).toEqual(MEMBERSHIP_VIEW)
  })

  it("the tenant admin keeps the full view and may add staff", async () => {
    const staff = await newUser(h.app, admin, { role: "Regular", phone: "+41791234569" })
    const added = await add(admin.token, staff.email)
    expect(added.statusCode).toBe(201)
    expect(json(added).user).toMatchObject({ role: "Regular", phone: "+41791234569", status: "active" })
    const listed = json(
      await call(h.app, "GET", `/v1/organizations/${orgId}/members`, { token: admin.token })
    )
    for (const item of listed.items) expect(item.user).toHaveProperty("role")
  })
})
