import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  loginFull,
  makeHarness,
  newTenant,
  newUser,
  OTHER_PASSWORD,
  type TenantAdmin,
  type TestUser
} from "./support/harness.ts"

const aUser = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  firstName: "Uma",
  lastName: "User",
  role: "Regular",
  ...extra
})

describe("/v1/users", () => {
  let h: Harness
  let admin: TenantAdmin
  let regular: TestUser
  let otherTenant: TenantAdmin
  beforeAll(async () => {
    h = await makeHarness()
    admin = await newTenant(h.app)
    regular = await newUser(h.app, admin)
    otherTenant = await newTenant(h.app)
  })
  afterAll(() => h.close())

  describe("GET /v1/users", () => {
    it("lists with a total that reflects the filter, and pages by cursor", async () => {
      await newUser(h.app, admin, { firstName: "Zed" })
      const all = json(await call(h.app, "GET", "/v1/users", { token: admin.token }))
      expect(all.total).toBeGreaterThanOrEqual(3)
      expect(all.items[0]).not.toHaveProperty("passwordHash")
      const filtered = json(
        await call(h.app, "GET", "/v1/users", { token: admin.token, query: { q: "zed" } })
      )
      expect(filtered.total).toBe(1)
      expect(filtered.items[0].firstName).toBe("Zed")
      const first = json(await call(h.app, "GET", "/v1/users", { token: admin.token, query: { limit: "1" } }))
      expect(first.items).toHaveLength(1)
      expect(first.nextCursor).toBeTypeOf("string")
      const second = json(
        await call(h.app, "GET", "/v1/users", {
          token: admin.token,
          query: { limit: "1", cursor: first.nextCursor }
        })
      )
      expect(second.items[0].id).not.toBe(first.items[0].id)
    })

    it("refuses a Regular user (403) and a bad limit or cursor (400)", async () => {
      const regularList = await call(h.app, "GET", "/v1/users", { token: regular.token })
      expect(regularList.statusCode).toBe(403)
      expect(json(regularList).code).toBe("FORBIDDEN")
      const limit = await call(h.app, "GET", "/v1/users", { token: admin.token, query: { limit: "1000" } })
      expect(limit.statusCode).toBe(400)
      expect(json(limit).errors[0].path).toBe("limit")
      const cursor = await call(h.app, "GET", "/v1/users", { token: admin.token, query: { cursor: "nope" } })
      expect(json(cursor).code).toBe("VALIDATION")
    })
  })

  describe("POST /v1/users", () => {
    it("creates with a typed password (201), never answering the hash", async () => {
      const response = await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: aUser("typed@acme.test", { password: OTHER_PASSWORD, adminNotes: "met at the fair" })
      })
      expect(response.statusCode).toBe(201)
      const body = json(response)
      expect(body.user.email).toBe("typed@acme.test")
      expect(body.user.mustChangePassword).toBe(true)
      expect(body.user.adminNotes).toBe("met at the fair")
      expect(body).not.toHaveProperty("generatedPassword")
      expect(response.body).not.toContain(OTHER_PASSWORD)
    })

    it("answers a generated password once, which logs in", async () => {
      const response = await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: aUser("generated@acme.test", { generatePassword: true })
      })
      expect(response.statusCode).toBe(201)
      const { generatedPassword } = json(response)
      expect(generatedPassword).toBeTypeOf("string")
      const login = await call(h.app, "POST", "/v1/auth/login", {
        body: { tenant: admin.slug, email: "generated@acme.test", password: generatedPassword }
      })
      expect(json(login).session.scope).toBe("password_change")
    })

    it("answers a setup link with its expiry for an invitation (pending user)", async () => {
      const response = await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: aUser("invited@acme.test", { invite: true })
      })
      expect(response.statusCode).toBe(201)
      const body = json(response)
      expect(body.user.status).toBe("pending")
      expect(body.setupUrl).toMatch(/\/setup#token=/)
      expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now())
    })

    it("maps department and groups to their ids", async () => {
      const department = json(
        await call(h.app, "POST", "/v1/departments", { token: admin.token, body: { name: "Sales" } })
      )
      const group = json(
        await call(h.app, "POST", "/v1/groups", { token: admin.token, body: { name: "Night" } })
      )
      const response = await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: aUser("placed@acme.test", {
          password: OTHER_PASSWORD,
          department: department.id,
          groups: [group.id]
        })
      })
      expect(response.statusCode).toBe(201)
      expect(json(response).user.departmentId).toBe(department.id)
      expect(json(response).user.groupIds).toEqual([group.id])
    })

    it("refuses a taken email (any casing) with 409 EMAIL_TAKEN", async () => {
      const response = await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: aUser(regular.email.toUpperCase(), { password: OTHER_PASSWORD })
      })
      expect(response.statusCode).toBe(409)
      expect(json(response).code).toBe("EMAIL_TAKEN")
    })

    it("refuses a weak password with 422 PASSWORD_POLICY listing the failing rules", async () => {
      const response = await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: aUser("weak@acme.test", { password: "short" })
      })
      expect(response.statusCode).toBe(422)
      const body = json(response)
      expect(body.code).toBe("PASSWORD_POLICY")
      expect(body.rules.map((r: { rule: string }) => r.rule)).toEqual(expect.arrayContaining(["minLength"]))
      expect(body.rules.every((r: { passed: boolean }) => !r.passed)).toBe(true)
      expect(response.body).not.toContain('"short"')
    })

    it("refuses zero or two ways in with 400 VALIDATION", async () => {
      const none = await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: aUser("none@acme.test")
      })
      expect(none.statusCode).toBe(400)
      const two = await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: aUser("two@acme.test", { password: OTHER_PASSWORD, invite: true })
      })
      expect(json(two).code).toBe("VALIDATION")
    })
  })

  describe("GET and PATCH /v1/users/{id}", () => {
    it("reads a user with memberships and a weak ETag", async () => {
      const response = await call(h.app, "GET", `/v1/users/${regular.id}`, { token: admin.token })
      expect(response.statusCode).toBe(200)
      const user = json(response)
      expect(user.memberships).toEqual([])
      expect(user).toHaveProperty("adminNotes")
      expect(response.headers.etag).toBe(`W/"${user.version}"`)
    })

    it("lets a user read themselves (without admin notes) but nobody else", async () => {
      const self = await call(h.app, "GET", `/v1/users/${regular.id}`, { token: regular.token })
      expect(self.statusCode).toBe(200)
      expect(json(self)).not.toHaveProperty("adminNotes")
      const other = await call(h.app, "GET", `/v1/users/${admin.adminId}`, { token: regular.token })
      expect(other.statusCode).toBe(403)
    })

    it("answers another tenant's id as 404 NOT_FOUND", async () => {
      const response = await call(h.app, "GET", `/v1/users/${regular.id}`, { token: otherTenant.token })
      expect(response.statusCode).toBe(404)
      expect(json(response).code).toBe("NOT_FOUND")
    })

    it("edits with If-Match and answers the new ETag", async () => {
      const read = await call(h.app, "GET", `/v1/users/${regular.id}`, { token: admin.token })
      const response = await call(h.app, "PATCH", `/v1/users/${regular.id}`, {
        token: admin.token,
        headers: { "if-match": read.headers.etag as string },
        body: { lastName: "Renamed", phone: "+14155550123", emailVerified: true }
      })
      expect(response.statusCode).toBe(200)
      const user = json(response)
      expect(user.lastName).toBe("Renamed")
      expect(user.emailVerified).toBe(true)
      expect(response.headers.etag).toBe(`W/"${user.version}"`)
      expect(response.headers.etag).not.toBe(read.headers.etag)
    })

    it("requires If-Match (428) and refuses a stale one (412 VERSION_CONFLICT)", async () => {
      const missing = await call(h.app, "PATCH", `/v1/users/${regular.id}`, {
        token: admin.token,
        body: { lastName: "Nope" }
      })
      expect(missing.statusCode).toBe(428)
      expect(json(missing).code).toBe("PRECONDITION_REQUIRED")
      const stale = await call(h.app, "PATCH", `/v1/users/${regular.id}`, {
        token: admin.token,
        headers: { "if-match": 'W/"1"' },
        body: { lastName: "Nope" }
      })
      expect(stale.statusCode).toBe(412)
      expect(json(stale).code).toBe("VERSION_CONFLICT")
      const garbage = await call(h.app, "PATCH", `/v1/users/${regular.id}`, {
        token: admin.token,
        headers: { "if-match": "*" },
        body: { lastName: "Nope" }
      })
      expect(garbage.statusCode).toBe(400)
    })

    it("refuses an email change with 422 EMAIL_IMMUTABLE, and unknown keys with 400", async () => {
      const read = await call(h.app, "GET", `/v1/users/${regular.id}`, { token: admin.token })
      const email = await call(h.app, "PATCH", `/v1/users/${regular.id}`, {
        token: admin.token,
        headers: { "if-match": read.headers.etag as string },
        body: { email: "new@acme.test" }
      })
      expect(email.statusCode).toBe(422)
      expect(json(email).code).toBe("EMAIL_IMMUTABLE")
      const role = await call(h.app, "PATCH", `/v1/users/${regular.id}`, {
        token: admin.token,
        headers: { "if-match": read.headers.etag as string },
        body: { role: "Admin" }
      })
      expect(role.statusCode).toBe(400)
      expect(json(role).errors).toEqual([{ path: "role", message: "Expected no excess property" }])
    })
  })

  describe("DELETE /v1/users/{id}", () => {
    it("deletes (204), after which the user is gone and their token dead", async () => {
      const victim = await newUser(h.app, admin)
      const response = await call(h.app, "DELETE", `/v1/users/${victim.id}`, { token: admin.token })
      expect(response.statusCode).toBe(204)
      expect((await call(h.app, "GET", `/v1/users/${victim.id}`, { token: admin.token })).statusCode).toBe(
        404
      )
      expect((await call(h.app, "GET", "/v1/me", { token: victim.token })).statusCode).toBe(401)
    })

    it("refuses deleting oneself with 403 CANNOT_DELETE_SELF", async () => {
      const response = await call(h.app, "DELETE", `/v1/users/${admin.adminId}`, { token: admin.token })
      expect(response.statusCode).toBe(403)
      expect(json(response).code).toBe("CANNOT_DELETE_SELF")
    })
  })

  it("keeps a generated temporary password working exactly once through the forced change", async () => {
    const created = json(
      await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: aUser("once@acme.test", { generatePassword: true })
      })
    )
    const { token } = await loginFull(h.app, admin.slug, "once@acme.test", created.generatedPassword)
    expect((await call(h.app, "GET", "/v1/me", { token })).statusCode).toBe(200)
    const again = await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: admin.slug, email: "once@acme.test", password: created.generatedPassword }
    })
    expect(again.statusCode).toBe(401)
  })
})
