import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { call, type Harness, json, makeHarness, newTenant, type TenantAdmin } from "./support/harness.ts"

const ORIGIN = "https://id.example.com"
const EVIL = "https://evil.example"

describe("CSRF: unsafe requests on the session cookie must come from the console's origin", () => {
  let h: Harness
  let admin: TenantAdmin
  beforeAll(async () => {
    h = await makeHarness({ allowedOrigin: ORIGIN })
    admin = await newTenant(h.app)
  })
  afterAll(() => h.close())

  const cookies = () => ({ gatehouse_session: admin.token })
  let n = 0
  const newUserBody = () => ({
    email: `csrf-${++n}@acme.test`,
    firstName: "Mallory",
    lastName: "Mole",
    role: "Regular",
    generatePassword: true
  })
  /** POST /v1/users with the admin's cookie and the given browser headers. */
  const createByCookie = (headers: Record<string, string>, body = newUserBody()) =>
    h.app.inject({ method: "POST", url: "/v1/users", cookies: cookies(), headers, payload: body })
  /** Whether a user with this email exists, read with the bearer token. */
  const exists = async (email: string): Promise<boolean> => {
    const listed = await call(h.app, "GET", "/v1/users", { token: admin.token, query: { q: email } })
    expect(listed.statusCode).toBe(200)
    return json(listed).items.some((user: { email: string }) => user.email === email)
  }

  it("refuses a cookie POST with a foreign Origin and no Sec-Fetch-Site: 403 CSRF_REJECTED, nothing created", async () => {
    const body = newUserBody()
    const refused = await createByCookie({ origin: EVIL }, body)
    expect(refused.statusCode).toBe(403)
    expect(refused.headers["content-type"]).toMatch(/^application\/problem\+json/)
    expect(json(refused)).toMatchObject({ status: 403, code: "CSRF_REJECTED" })
    expect(await exists(body.email)).toBe(false)
  })

  it("refuses what a browser marks as coming from elsewhere, whatever the method", async () => {
    for (const headers of [
      { origin: EVIL, "sec-fetch-site": "cross-site" },
      // a sibling subdomain is same-site, not same-origin
      { origin: "https://evil.id.example.com", "sec-fetch-site": "same-site" },
      // sandboxed frames and some redirects send Origin: null
      { origin: "null" },
      { "sec-fetch-site": "cross-site" }
    ]) {
      const body = newUserBody()
      expect(json(await createByCookie(headers, body)).code, JSON.stringify(headers)).toBe("CSRF_REJECTED")
      expect(await exists(body.email)).toBe(false)
    }
    const before = json(await call(h.app, "GET", "/v1/me", { token: admin.token }))
    for (const method of ["PATCH", "PUT", "DELETE"] as const) {
      const refused = await h.app.inject({
        method,
        url: "/v1/me",
        cookies: cookies(),
        headers: { origin: EVIL, "sec-fetch-site": "cross-site" },
        payload: { firstName: "Hijacked" }
      })
      expect([method, refused.statusCode, json(refused).code]).toEqual([method, 403, "CSRF_REJECTED"])
    }
    const after = json(await call(h.app, "GET", "/v1/me", { token: admin.token }))
    expect(after.firstName).toBe(before.firstName)
    // the session survived (a DELETE did not end it)
    expect((await h.app.inject({ method: "GET", url: "/v1/me", cookies: cookies() })).statusCode).toBe(200)
  })

  it("lets the console's own requests through: Sec-Fetch-Site same-origin, or Origin equal to the public URL's", async () => {
    for (const headers of [
      { origin: ORIGIN, "sec-fetch-site": "same-origin" },
      // behind a proxy or in a dev server the Origin may differ from the public URL; the browser still knows
      { origin: "http://localhost:5173", "sec-fetch-site": "same-origin" },
      { origin: ORIGIN }
    ]) {
      const body = newUserBody()
      const created = await createByCookie(headers, body)
      expect([JSON.stringify(headers), created.statusCode]).toEqual([JSON.stringify(headers), 201])
      expect(await exists(body.email)).toBe(true)
    }
  })

  it("lets a client that is no browser through (neither Origin nor Sec-Fetch-Site: curl, a script)", async () => {
    const body = newUserBody()
    expect((await createByCookie({}, body)).statusCode).toBe(201)
    expect(await exists(body.email)).toBe(true)
  })

  it("leaves bearer-token requests alone, whatever their Origin", async () => {
    const body = newUserBody()
    const created = await call(h.app, "POST", "/v1/users", {
      token: admin.token,
      headers: { origin: EVIL, "sec-fetch-site": "cross-site" },
      body
    })
    expect(created.statusCode).toBe(201)
    expect(await exists(body.email)).toBe(true)
  })

  it("leaves safe methods alone", async () => {
    const read = await h.app.inject({
      method: "GET",
      url: "/v1/me",
      cookies: cookies(),
      headers: { origin: EVIL, "sec-fetch-site": "cross-site" }
    })
    expect(read.statusCode).toBe(200)
  })

  it("refuses a cross-site login (login CSRF) and keeps the same-origin and the curl login working", async () => {
    const credentials = { tenant: admin.slug, email: admin.email, password: admin.password }
    const login = (headers: Record<string, string>) =>
      h.app.inject({ method: "POST", url: "/v1/auth/login", headers, payload: credentials })
    const crossSite = await login({ origin: EVIL, "sec-fetch-site": "cross-site" })
    expect(crossSite.statusCode).toBe(403)
    expect(json(crossSite).code).toBe("CSRF_REJECTED")
    expect(crossSite.headers["set-cookie"]).toBeUndefined()
    expect((await login({ origin: ORIGIN, "sec-fetch-site": "same-origin" })).statusCode).toBe(200)
    expect((await login({})).statusCode).toBe(200)
  })
})

describe("CSRF without a configured origin", () => {
  it("trusts Sec-Fetch-Site alone and refuses any Origin it cannot compare", async () => {
    const h = await makeHarness()
    try {
      const admin = await newTenant(h.app)
      const post = (headers: Record<string, string>) =>
        h.app.inject({
          method: "POST",
          url: "/v1/auth/logout",
          cookies: { gatehouse_session: admin.token },
          headers
        })
      expect((await post({ origin: ORIGIN })).statusCode).toBe(403)
      expect((await call(h.app, "GET", "/v1/me", { token: admin.token })).statusCode).toBe(200)
      expect((await post({ origin: ORIGIN, "sec-fetch-site": "same-origin" })).statusCode).toBe(204)
      expect((await call(h.app, "GET", "/v1/me", { token: admin.token })).statusCode).toBe(401)
    } finally {
      await h.close()
    }
  })
})
