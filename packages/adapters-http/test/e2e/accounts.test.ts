import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { call, json, OTHER_PASSWORD, PASSWORD, PLATFORM_TOKEN, problem } from "../support/harness.ts"
import { makePgliteHarness, type PgliteHarness } from "./pgliteHarness.ts"

/**
 * The account lifecycle over HTTP on PostgreSQL (PGlite) with argon2id and AES-GCM: a tenant bootstrapped with
 * the platform token, its first admin's forced password change, users created, listed, disabled and deleted.
 * The steps build on each other, in order.
 */
describe("e2e on PGlite: tenant bootstrap and the user lifecycle", () => {
  let h: PgliteHarness
  const slug = "e2e-accounts"
  const adminEmail = "olive.owner@e2e.test"
  let adminToken = ""
  let adminId = ""
  let generated = ""
  let userId = ""
  let userToken = ""

  const login = (email: string, password: string) =>
    call(h.app, "POST", "/v1/auth/login", { body: { tenant: slug, email, password } })

  beforeAll(async () => {
    h = await makePgliteHarness()
  })
  afterAll(() => h?.close())

  it("bootstraps a tenant only with the platform token; its admin gets a generated password", async () => {
    const body = {
      slug,
      name: "E2E Accounts",
      preset: "weevio",
      admin: { email: adminEmail, firstName: "Olive", lastName: "Owner" }
    }
    const anonymous = await call(h.app, "POST", "/v1/tenants", { body })
    expect(problem(anonymous)).toMatchObject({ status: 401, code: "UNAUTHENTICATED" })
    const created = await call(h.app, "POST", "/v1/tenants", { token: PLATFORM_TOKEN, body })
    expect(created.statusCode).toBe(201)
    const tenant = json(created)
    expect(tenant.tenant).toMatchObject({ slug, name: "E2E Accounts" })
    expect(typeof tenant.generatedPassword).toBe("string")
    adminId = tenant.admin.id
    generated = tenant.generatedPassword
    const again = await call(h.app, "POST", "/v1/tenants", { token: PLATFORM_TOKEN, body })
    expect(problem(again)).toMatchObject({ status: 409, code: "SLUG_TAKEN" })
  })

  it("forces the first admin to change the generated password: that session reaches only its routes", async () => {
    expect(problem(await login(adminEmail, "Wrong!Password-123"))).toMatchObject({
      status: 401,
      code: "INVALID_CREDENTIALS"
    })
    const first = await login(adminEmail, generated)
    expect(first.statusCode).toBe(200)
    const session = json(first)
    expect(session.session.scope).toBe("password_change")
    const restricted = session.token
    expect((await call(h.app, "GET", "/v1/me", { token: restricted })).statusCode).toBe(200)
    for (const url of ["/v1/users", "/v1/organizations", "/v1/audit-events"]) {
      expect(problem(await call(h.app, "GET", url, { token: restricted }))).toMatchObject({
        status: 403,
        code: "FORBIDDEN"
      })
    }
    const changed = await call(h.app, "POST", "/v1/me/password", {
      token: restricted,
      body: { currentPassword: generated, newPassword: PASSWORD }
    })
    expect(changed.statusCode).toBe(204)
    expect((await call(h.app, "GET", "/v1/me", { token: restricted })).statusCode).toBe(401)
    expect((await login(adminEmail, generated)).statusCode).toBe(401)
    const full = json(await login(adminEmail, PASSWORD))
    expect(full.session.scope).toBe("full")
    adminToken = full.token
    const me = json(await call(h.app, "GET", "/v1/me", { token: adminToken }))
    expect(me).toMatchObject({ id: adminId, email: adminEmail, status: "active" })
    expect(me.permissions).toContain("users:write")
  })

  it("creates a user with a generated password; their first login must change it", async () => {
    const created = await call(h.app, "POST", "/v1/users", {
      token: adminToken,
      body: {
        email: "Zed.Zebra@E2E.test",
        firstName: "Zed",
        lastName: "Zebra",
        role: "Regular",
        generatePassword: true
      }
    })
    expect(created.statusCode).toBe(201)
    const body = json(created)
    expect(body.user).toMatchObject({ email: "zed.zebra@e2e.test", status: "active" })
    expect(JSON.stringify(body.user)).not.toContain("passwordHash")
    userId = body.user.id

    const first = json(await login("zed.zebra@e2e.test", body.generatedPassword))
    expect(first.session.scope).toBe("password_change")
    const weak = await call(h.app, "POST", "/v1/me/password", {
      token: first.token,
      body: { currentPassword: body.generatedPassword, newPassword: "password" }
    })
    expect(problem(weak)).toMatchObject({ status: 422, code: "PASSWORD_POLICY" })
    const changed = await call(h.app, "POST", "/v1/me/password", {
      token: first.token,
      body: { currentPassword: body.generatedPassword, newPassword: OTHER_PASSWORD }
    })
    expect(changed.statusCode).toBe(204)
    const full = json(await login("zed.zebra@e2e.test", OTHER_PASSWORD))
    expect(full.session.scope).toBe("full")
    userToken = full.token
    expect((await call(h.app, "GET", "/v1/me", { token: userToken })).statusCode).toBe(200)
    // a Regular user sees no other user
    expect((await call(h.app, "GET", "/v1/users", { token: userToken })).statusCode).toBe(403)
  })

  it("lists users with search, a filter-wide total and cursor pages", async () => {
    for (const [first, last] of [
      ["Ada", "Lovelace"],
      ["Alan", "Turing"],
      ["Grace", "Hopper"]
    ] as const) {
      const created = await call(h.app, "POST", "/v1/users", {
        token: adminToken,
        body: {
          email: `${first.toLowerCase()}@e2e.test`,
          firstName: first,
          lastName: last,
          role: "Regular",
          password: OTHER_PASSWORD
        }
      })
      expect(created.statusCode).toBe(201)
    }
    const zebra = json(await call(h.app, "GET", "/v1/users", { token: adminToken, query: { q: "zebr" } }))
    expect([zebra.total, zebra.items.map((u: { id: string }) => u.id)]).toEqual([1, [userId]])
    const byEmail = json(await call(h.app, "GET", "/v1/users", { token: adminToken, query: { q: "turing" } }))
    expect(byEmail.items.map((u: { lastName: string }) => u.lastName)).toEqual(["Turing"])

    const seen: Array<string> = []
    let cursor: string | null = null
    let pages = 0
    do {
      const query: Record<string, string> = cursor === null ? { limit: "2" } : { limit: "2", cursor }
      const page = json(await call(h.app, "GET", "/v1/users", { token: adminToken, query }))
      expect(page.total).toBe(5)
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((u: { firstName: string }) => u.firstName))
      cursor = page.nextCursor
      pages++
    } while (cursor !== null && pages < 10)
    // default sort by name: first name, then last name
    expect(seen).toEqual(["Ada", "Alan", "Grace", "Olive", "Zed"])
  })

  it("disables a user: their token stops working (401) and they cannot log in", async () => {
    const disabled = await call(h.app, "POST", `/v1/users/${userId}/disable`, { token: adminToken })
    expect(disabled.statusCode).toBeLessThan(300)
    expect(problem(await call(h.app, "GET", "/v1/me", { token: userToken }))).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED"
    })
    expect(problem(await login("zed.zebra@e2e.test", OTHER_PASSWORD))).toMatchObject({
      status: 401,
      code: "INVALID_CREDENTIALS"
    })
    const listed = json(
      await call(h.app, "GET", "/v1/users", { token: adminToken, query: { status: "disabled" } })
    )
    expect(listed.items.map((u: { id: string }) => u.id)).toEqual([userId])
    expect(
      problem(await call(h.app, "POST", `/v1/users/${adminId}/disable`, { token: adminToken }))
    ).toMatchObject({ status: 403, code: "CANNOT_DISABLE_SELF" })
  })

  it("deletes a user for good (then 404) and keeps the trail in the audit log", async () => {
    const deleted = await call(h.app, "DELETE", `/v1/users/${userId}`, { token: adminToken })
    expect(deleted.statusCode).toBe(204)
    expect(problem(await call(h.app, "GET", `/v1/users/${userId}`, { token: adminToken }))).toMatchObject({
      status: 404,
      code: "NOT_FOUND"
    })
    expect(json(await call(h.app, "GET", "/v1/users", { token: adminToken })).total).toBe(4)
    const audit = json(
      await call(h.app, "GET", "/v1/audit-events", {
        token: adminToken,
        query: { target: userId, limit: "50" }
      })
    )
    const actions = audit.items.map((e: { action: string }) => e.action)
    expect(actions).toEqual(expect.arrayContaining(["user.created", "user.disabled", "user.deleted"]))
  })
})
