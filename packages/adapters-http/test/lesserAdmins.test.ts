import { beforeAll, describe, expect, it } from "vitest"
import { call, json, newUser, problem, type TestUser } from "./support/harness.ts"
import { tenantWithAdmin } from "./support/tenantWithAdmin.ts"

/**
 * Issue 12, item 8 over HTTP: a wetrack `Admin` ended a `User Admin`'s sessions and renamed the `Account Admin`
 * (both routes skipped the outranking check that disable and reset apply), and an Admin cleared their own
 * `requireTotp` after another admin set it. All refused now, nothing changed.
 */
describe("lesser admins and an admin's own admin-only fields", () => {
  const { h, admin: owner } = tenantWithAdmin("wetrack")
  let admin: TestUser
  let userAdmin: TestUser

  beforeAll(async () => {
    admin = await newUser(h.app, owner, { role: "Admin" })
    userAdmin = await newUser(h.app, owner, { role: "User Admin" })
  })

  const read = (id: string, token = owner.token) => call(h.app, "GET", `/v1/users/${id}`, { token })
  const patch = async (token: string, id: string, body: Record<string, unknown>) => {
    const current = await read(id)
    return call(h.app, "PATCH", `/v1/users/${id}`, {
      token,
      body,
      headers: { "if-match": current.headers.etag as string }
    })
  }

  it("an Admin cannot end a User Admin's sessions (403 ROLE_ESCALATION); the sessions live on", async () => {
    const refused = await call(h.app, "DELETE", `/v1/users/${userAdmin.id}/sessions`, { token: admin.token })
    expect(problem(refused)).toMatchObject({ status: 403, code: "ROLE_ESCALATION" })
    expect(json(refused).missing).toContain("users:roles")
    expect((await call(h.app, "GET", "/v1/me", { token: userAdmin.token })).statusCode).toBe(200)
    // the Account Admin can
    const ended = await call(h.app, "DELETE", `/v1/users/${userAdmin.id}/sessions`, { token: owner.token })
    expect(ended.statusCode).toBeLessThan(300)
    expect((await call(h.app, "GET", "/v1/me", { token: userAdmin.token })).statusCode).toBe(401)
  })

  it("an Admin cannot rename the Account Admin (403 ROLE_ESCALATION); a General user they can", async () => {
    const refused = await patch(admin.token, owner.adminId, { firstName: "Mallory" })
    expect(problem(refused)).toMatchObject({ status: 403, code: "ROLE_ESCALATION" })
    expect(json(await read(owner.adminId)).firstName).toBe("Olive")
    const general = await newUser(h.app, owner, { role: "General" })
    const renamed = await patch(admin.token, general.id, { firstName: "Gina" })
    expect(renamed.statusCode).toBe(200)
    expect(json(renamed).firstName).toBe("Gina")
  })

  it("an admin cannot clear their own requireTotp, rewrite their notes or verify themselves", async () => {
    const set = await patch(owner.token, admin.id, { requireTotp: true, adminNotes: "probation" })
    expect(set.statusCode).toBe(200)
    for (const body of [{ requireTotp: false }, { adminNotes: "all fine" }, { emailVerified: true }]) {
      const refused = await patch(admin.token, admin.id, body)
      expect(problem(refused)).toMatchObject({ status: 403, code: "CANNOT_EDIT_OWN_ADMIN_FIELDS" })
      expect(json(refused).fields).toEqual(Object.keys(body))
    }
    const after = json(await read(admin.id))
    expect(after).toMatchObject({ requireTotp: true, adminNotes: "probation", emailVerified: false })
    // their own name is theirs to change
    const renamed = await patch(admin.token, admin.id, { firstName: "Ada" })
    expect(renamed.statusCode).toBe(200)
  })
})
