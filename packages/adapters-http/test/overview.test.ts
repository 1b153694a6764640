import { describe, expect, it } from "vitest"
import { call, json, newUser } from "./support/harness.ts"
import { tenantWithAdmin } from "./support/tenantWithAdmin.ts"

const DAY = 86_400_000

describe("GET /v1/overview/*", () => {
  const { h, admin } = tenantWithAdmin()

  const get = (url: string, query: Record<string, string> = {}, token = admin.token) =>
    call(h.app, "GET", url, { token, query })

  it("users: per status, the total and the pending invitations", async () => {
    await newUser(h.app, admin)
    const invited = await call(h.app, "POST", "/v1/users", {
      token: admin.token,
      body: {
        email: "invitee@acme.test",
        firstName: "Ivy",
        lastName: "Invitee",
        role: "Regular",
        invite: true
      }
    })
    expect(invited.statusCode).toBe(201)
    const response = await get("/v1/overview/users")
    expect(response.statusCode).toBe(200)
    expect(json(response)).toEqual({
      byStatus: { pending: 1, active: 2, disabled: 0, deactivated: 0 },
      total: 3,
      pendingInvitations: 1
    })
  })

  it("sign-ins: one zero-filled entry per day, today's equal to the audit trail's login successes", async () => {
    const response = await get("/v1/overview/sign-ins", { days: "7" })
    expect(response.statusCode).toBe(200)
    const { days } = json(response)
    expect(days).toHaveLength(7)
    expect(days[6].day).toBe(new Date().toISOString().slice(0, 10))
    expect(days[0].day).toBe(new Date(Date.now() - 6 * DAY).toISOString().slice(0, 10))
    const logins = json(await get("/v1/audit-events", { action: "auth.login_succeeded" })).total
    expect(logins).toBeGreaterThan(0)
    expect(days[6].count).toBe(logins)
    expect(json(await get("/v1/overview/sign-ins")).days).toHaveLength(30)
  })

  it("expiring memberships: within the window, soonest first, with organization and user names", async () => {
    const org = json(
      await call(h.app, "POST", "/v1/organizations", { token: admin.token, body: { name: "Contoso" } })
    )
    const add = (email: string, days: number) =>
      call(h.app, "POST", `/v1/organizations/${org.id}/members`, {
        token: admin.token,
        body: {
          email,
          firstName: "Cory",
          lastName: "Contractor",
          role: "Limited",
          expiresAt: new Date(Date.now() + days * DAY).toISOString()
        }
      })
    expect((await add("late@contoso.test", 20)).statusCode).toBe(201)
    expect((await add("soon@contoso.test", 3)).statusCode).toBe(201)
    const soon = json(await get("/v1/overview/expiring-memberships"))
    expect(soon.total).toBe(1)
    expect(soon.items[0]).toMatchObject({
      organization: { id: org.id, name: "Contoso" },
      user: { email: "soon@contoso.test", firstName: "Cory", lastName: "Contractor" },
      role: "Limited",
      active: true
    })
    const month = json(await get("/v1/overview/expiring-memberships", { days: "30" }))
    expect(month.items.map((m: { user: { email: string } }) => m.user.email)).toEqual([
      "soon@contoso.test",
      "late@contoso.test"
    ])
    expect(json(await get("/v1/overview/expiring-memberships", { days: "30", limit: "1" })).total).toBe(2)
  })

  it("refuses a Regular user (403) and days out of range (400 VALIDATION)", async () => {
    const regular = await newUser(h.app, admin)
    for (const url of ["/v1/overview/users", "/v1/overview/sign-ins", "/v1/overview/expiring-memberships"])
      expect((await get(url, {}, regular.token)).statusCode).toBe(403)
    for (const days of ["0", "91", "x"]) {
      const response = await get("/v1/overview/sign-ins", { days })
      expect(response.statusCode).toBe(400)
      expect(json(response).code).toBe("VALIDATION")
    }
    expect((await get("/v1/overview/expiring-memberships", { days: "367" })).statusCode).toBe(400)
  })
})
