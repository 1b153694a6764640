import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  newUser,
  PLATFORM_TOKEN
} from "./support/harness.ts"
import { tenantWithAdmin } from "./support/tenantWithAdmin.ts"

describe("GET /v1/audit-events", () => {
  const { h, admin } = tenantWithAdmin()

  it("answers the tenant's trail newest first, filtered by action and actor, with no secret in it", async () => {
    const user = await newUser(h.app, admin)
    const all = json(await call(h.app, "GET", "/v1/audit-events", { token: admin.token }))
    expect(all.total).toBeGreaterThan(3)
    const times = all.items.map((e: { at: string }) => Date.parse(e.at))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    const created = json(
      await call(h.app, "GET", "/v1/audit-events", {
        token: admin.token,
        query: { action: "user.created", actor: admin.adminId }
      })
    )
    expect(created.items.map((e: { targetId: string }) => e.targetId)).toContain(user.id)
    expect(JSON.stringify(all)).not.toContain(user.password)
  })

  it("refuses a Regular user (403) and a bad cursor (400)", async () => {
    const user = await newUser(h.app, admin)
    expect((await call(h.app, "GET", "/v1/audit-events", { token: user.token })).statusCode).toBe(403)
    const cursor = await call(h.app, "GET", "/v1/audit-events", {
      token: admin.token,
      query: { cursor: "%%%" }
    })
    expect(cursor.statusCode).toBe(400)
  })

  it("filters by a time window (from inclusive, before exclusive); a bad or empty window is a 400", async () => {
    const user = await newUser(h.app, admin)
    const query = (extra: Record<string, string>) =>
      call(h.app, "GET", "/v1/audit-events", {
        token: admin.token,
        query: { action: "user.created", target: user.id, ...extra }
      })
    const [event] = json(await query({})).items as Array<{ at: string; targetId: string }>
    expect(event?.targetId).toBe(user.id)
    const at = Date.parse(event!.at)
    const iso = (ms: number) => new Date(ms).toISOString()
    expect(json(await query({ from: iso(at) })).total).toBe(1)
    expect(json(await query({ from: iso(at + 1) })).total).toBe(0)
    expect(json(await query({ before: iso(at) })).total).toBe(0)
    expect(json(await query({ from: iso(at - 1000), before: iso(at + 1) })).total).toBe(1)
    for (const bad of [
      { from: "yesterday" },
      { before: "2026-13-45T00:00:00Z" },
      { from: iso(at), before: iso(at) }
    ]) {
      const answer = await query(bad)
      expect(answer.statusCode, JSON.stringify(bad)).toBe(400)
      expect(json(answer).errors.map((e: { path: string }) => e.path)).toEqual([Object.keys(bad).at(-1)])
    }
  })
})

describe("POST /v1/tenants", () => {
  let h: Harness
  beforeAll(async () => {
    h = await makeHarness()
  })
  afterAll(() => h.close())

  const body = (slug: string, extra: Record<string, unknown> = {}) => ({
    slug,
    name: `Tenant ${slug}`,
    preset: "wetrack",
    admin: { email: `boss@${slug}.test`, firstName: "Bea", lastName: "Boss" },
    ...extra
  })

  it("creates a tenant with a generated temporary password for its first admin (201)", async () => {
    const response = await call(h.app, "POST", "/v1/tenants", { token: PLATFORM_TOKEN, body: body("globex") })
    expect(response.statusCode).toBe(201)
    const created = json(response)
    expect(created.tenant).toMatchObject({ slug: "globex", preset: "wetrack" })
    expect(created.admin).toMatchObject({
      email: "boss@globex.test",
      role: "Account Admin",
      status: "active"
    })
    expect(created.admin).not.toHaveProperty("passwordHash")
    expect(created.generatedPassword).toBeTypeOf("string")
    const login = await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: "globex", email: "boss@globex.test", password: created.generatedPassword }
    })
    expect(json(login).session.scope).toBe("password_change")
  })

  it("invites the first admin with a setup link instead when asked", async () => {
    const created = json(
      await call(h.app, "POST", "/v1/tenants", {
        token: PLATFORM_TOKEN,
        body: body("initech", { invite: true })
      })
    )
    expect(created.admin.status).toBe("pending")
    expect(created.setupUrl).toMatch(/#token=/)
    expect(created).not.toHaveProperty("generatedPassword")
  })

  it("refuses a taken slug (409 SLUG_TAKEN)", async () => {
    await call(h.app, "POST", "/v1/tenants", { token: PLATFORM_TOKEN, body: body("umbrella") })
    const again = await call(h.app, "POST", "/v1/tenants", { token: PLATFORM_TOKEN, body: body("umbrella") })
    expect(again.statusCode).toBe(409)
    expect(json(again).code).toBe("SLUG_TAKEN")
  })

  it("refuses anyone without the platform token, a user session included (401)", async () => {
    const admin = await newTenant(h.app)
    for (const token of [undefined, "wrong-token", admin.token]) {
      const response = await call(h.app, "POST", "/v1/tenants", { token, body: body("hooli") })
      expect(response.statusCode).toBe(401)
      expect(json(response).code).toBe("UNAUTHENTICATED")
    }
    const byCookie = await h.app.inject({
      method: "POST",
      url: "/v1/tenants",
      cookies: { gatehouse_session: PLATFORM_TOKEN },
      payload: body("hooli")
    })
    expect(byCookie.statusCode).toBe(401)
  })

  it("is switched off (403) when no platform token is configured", async () => {
    const off = await makeHarness({ platformToken: undefined })
    const response = await call(off.app, "POST", "/v1/tenants", { token: PLATFORM_TOKEN, body: body("acme") })
    expect(response.statusCode).toBe(403)
    expect(json(response).code).toBe("FORBIDDEN")
    await off.close()
  })
})
