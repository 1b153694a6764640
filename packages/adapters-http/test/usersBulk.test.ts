import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  newUser,
  problem,
  type TenantAdmin
} from "./support/harness.ts"

describe("POST /v1/users/bulk", () => {
  let h: Harness
  let admin: TenantAdmin

  const bulk = (body: unknown, token = admin.token) => call(h.app, "POST", "/v1/users/bulk", { token, body })
  const status = async (id: string) =>
    json(await call(h.app, "GET", `/v1/users/${id}`, { token: admin.token }))

  const invited = async (email: string) => {
    const created = await call(h.app, "POST", "/v1/users", {
      token: admin.token,
      body: { email, firstName: "Ivy", lastName: "Invitee", role: "Regular", invite: true }
    })
    expect(created.statusCode).toBe(201)
    return json(created).user.id as string
  }

  beforeAll(async () => {
    h = await makeHarness()
    admin = await newTenant(h.app)
  })
  afterAll(() => h.close())

  it("disables and enables users; a disabled user's session ends (401)", async () => {
    const a = await newUser(h.app, admin)
    const b = await newUser(h.app, admin)
    const disabled = await bulk({ action: "disable", ids: [a.id, b.id] })
    expect(disabled.statusCode).toBe(200)
    expect(json(disabled)).toEqual({
      results: [
        { id: a.id, ok: true },
        { id: b.id, ok: true }
      ]
    })
    expect((await status(a.id)).status).toBe("disabled")
    expect((await call(h.app, "GET", "/v1/me", { token: a.token })).statusCode).toBe(401)
    const enabled = await bulk({ action: "enable", ids: [a.id, b.id, a.id] })
    expect(json(enabled).results).toEqual([
      { id: a.id, ok: true },
      { id: b.id, ok: true }
    ])
    expect((await status(b.id)).status).toBe("active")
  })

  it("reports each refusal as the single request's problem code; the others proceed", async () => {
    const a = await newUser(h.app, admin)
    const missing = "018f3c1e-0000-7000-8000-000000000000"
    const result = json(await bulk({ action: "disable", ids: [admin.adminId, a.id, missing] }))
    expect(result.results).toEqual([
      { id: admin.adminId, ok: false, code: "CANNOT_DISABLE_SELF" },
      { id: a.id, ok: true },
      { id: missing, ok: false, code: "NOT_FOUND" }
    ])
  })

  it("deletes only with confirm equal to the number of users (422 CONFIRMATION_MISMATCH, nothing deleted)", async () => {
    const a = await newUser(h.app, admin)
    const b = await newUser(h.app, admin)
    for (const confirm of [undefined, 1, 3]) {
      const refused = problem(
        await bulk({ action: "delete", ids: [a.id, b.id], ...(confirm === undefined ? {} : { confirm }) })
      )
      expect(refused).toMatchObject({ status: 422, code: "CONFIRMATION_MISMATCH", expected: 2 })
    }
    expect((await call(h.app, "GET", `/v1/users/${a.id}`, { token: admin.token })).statusCode).toBe(200)
    const deleted = await bulk({ action: "delete", ids: [a.id, b.id], confirm: 2 })
    expect(json(deleted).results.every((r: { ok: boolean }) => r.ok)).toBe(true)
    for (const id of [a.id, b.id]) {
      expect((await call(h.app, "GET", `/v1/users/${id}`, { token: admin.token })).statusCode).toBe(404)
    }
  })

  it("updates with PATCH's body as the patch (department by id); email in it is 422 EMAIL_IMMUTABLE", async () => {
    const department = json(
      await call(h.app, "POST", "/v1/departments", { token: admin.token, body: { name: "Logistics" } })
    )
    const a = await newUser(h.app, admin)
    const b = await newUser(h.app, admin)
    const updated = await bulk({
      action: "update",
      ids: [a.id, b.id],
      patch: { department: department.id, adminNotes: "moved in bulk" }
    })
    expect(json(updated).results).toEqual([
      { id: a.id, ok: true },
      { id: b.id, ok: true }
    ])
    for (const id of [a.id, b.id]) {
      expect(await status(id)).toMatchObject({ departmentId: department.id, adminNotes: "moved in bulk" })
    }
    const email = problem(await bulk({ action: "update", ids: [a.id], patch: { email: "x@y.test" } }))
    expect(email).toMatchObject({ status: 422, code: "EMAIL_IMMUTABLE" })
    expect(problem(await bulk({ action: "update", ids: [a.id] }))).toMatchObject({
      status: 400,
      code: "VALIDATION"
    })
    expect(problem(await bulk({ action: "disable", ids: [a.id], patch: {} }))).toMatchObject({ status: 400 })
  })

  it("re-invites pending users with new setup links; an active user is USER_NOT_PENDING", async () => {
    const pending = await invited("bulk-invitee@acme.test")
    const active = await newUser(h.app, admin)
    const result = json(await bulk({ action: "invite", ids: [pending, active.id] }))
    expect(result.results).toEqual([
      { id: pending, ok: true, emailSent: true },
      { id: active.id, ok: false, code: "USER_NOT_PENDING" }
    ])
  })

  it("refuses a caller without the permission (403), bad ids and unknown actions (400)", async () => {
    const regular = await newUser(h.app, admin)
    expect(problem(await bulk({ action: "disable", ids: [admin.adminId] }, regular.token))).toMatchObject({
      status: 403,
      code: "FORBIDDEN"
    })
    expect((await status(admin.adminId)).status).toBe("active")
    expect(problem(await bulk({ action: "disable", ids: [] })).status).toBe(400)
    expect(problem(await bulk({ action: "disable", ids: ["not-a-uuid"] })).status).toBe(400)
    expect(problem(await bulk({ action: "explode", ids: [regular.id] })).status).toBe(400)
    expect(problem(await bulk({ action: "disable", ids: [regular.id], extra: 1 })).status).toBe(400)
  })
})
