import { Writable } from "node:stream"
import { gatehouseLogRedaction } from "@gatehouse/adapters-http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  newUser,
  OTHER_PASSWORD,
  PASSWORD,
  type TenantAdmin
} from "./support/harness.ts"
import { tenantWithAdmin } from "./support/tenantWithAdmin.ts"

const cookieOf = (setCookie: string | Array<string> | undefined): string => {
  const all = [setCookie ?? []].flat()
  const found = all.find((c) => c.startsWith("gatehouse_session="))
  if (found === undefined) throw new Error(`no session cookie in ${JSON.stringify(all)}`)
  return found
}

describe("login, logout and the session cookie", () => {
  const { h, admin } = tenantWithAdmin()

  it("answers the token, the session and the user (never the hash) and sets an HttpOnly SameSite=Lax cookie", async () => {
    const response = await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: admin.slug, email: admin.email, password: admin.password }
    })
    expect(response.statusCode).toBe(200)
    const body = json(response)
    expect(body.token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/)
    expect(body.session.scope).toBe("full")
    expect(new Date(body.session.expiresAt).getTime()).toBeGreaterThan(Date.now())
    expect(body.user.email).toBe(admin.email)
    expect(body.user).not.toHaveProperty("passwordHash")
    expect(body.user).not.toHaveProperty("adminNotes")
    const cookie = cookieOf(response.headers["set-cookie"])
    expect(cookie).toContain(`gatehouse_session=${body.token}`)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/)
  })

  it("authenticates by cookie as well as by bearer token", async () => {
    const login = await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: admin.slug, email: admin.email, password: admin.password }
    })
    const token = json(login).token
    const byCookie = await h.app.inject({
      method: "GET",
      url: "/v1/me",
      cookies: { gatehouse_session: token }
    })
    expect(byCookie.statusCode).toBe(200)
    expect(json(byCookie).id).toBe(admin.adminId)
    const byBearer = await call(h.app, "GET", "/v1/me", { token })
    expect(json(byBearer).id).toBe(admin.adminId)
  })

  it("refuses a missing, malformed or unknown credential with 401 UNAUTHENTICATED", async () => {
    const anonymous = await call(h.app, "GET", "/v1/me")
    expect(anonymous.statusCode).toBe(401)
    expect(json(anonymous).code).toBe("UNAUTHENTICATED")
    expect(anonymous.headers["www-authenticate"]).toMatch(/^Bearer/)
    const basic = await call(h.app, "GET", "/v1/me", { headers: { authorization: "Basic YTpi" } })
    expect(json(basic).code).toBe("UNAUTHENTICATED")
    const forged = await call(h.app, "GET", "/v1/me", {
      token: `${admin.token.split(".")[0]}.${"A".repeat(43)}`
    })
    expect(forged.statusCode).toBe(401)
    const cookieGarbage = await h.app.inject({
      method: "GET",
      url: "/v1/me",
      cookies: { gatehouse_session: "x" }
    })
    expect(cookieGarbage.statusCode).toBe(401)
  })

  it("gives unknown email, wrong password, disabled account and unknown tenant the same answer", async () => {
    const user = await newUser(h.app, admin)
    const disabled = await newUser(h.app, admin)
    expect(
      (await call(h.app, "POST", `/v1/users/${disabled.id}/disable`, { token: admin.token })).statusCode
    ).toBe(200)
    const attempts = [
      { tenant: admin.slug, email: "nobody@acme.test", password: PASSWORD },
      { tenant: admin.slug, email: user.email, password: "Wrong-Password-99" },
      { tenant: admin.slug, email: disabled.email, password: disabled.password },
      { tenant: "no-such-tenant", email: user.email, password: user.password }
    ]
    const answers = await Promise.all(attempts.map((body) => call(h.app, "POST", "/v1/auth/login", { body })))
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401)
      expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json/)
      expect(answer.body).toBe(answers[0]!.body)
    }
    expect(json(answers[0]!).code).toBe("INVALID_CREDENTIALS")
  })

  it("throttles an account after repeated failures: 429 TOO_MANY_ATTEMPTS with Retry-After", async () => {
    const user = await newUser(h.app, admin)
    const wrong = { tenant: admin.slug, email: user.email, password: "Wrong-Password-99" }
    // the first failures cost nothing (a person mistyping never waits); then every attempt must wait
    for (let i = 0; i < 5; i++) {
      expect((await call(h.app, "POST", "/v1/auth/login", { body: wrong })).statusCode).toBe(401)
    }
    // even the right password is not checked while the account must wait
    const refused = await call(h.app, "POST", "/v1/auth/login", {
      body: { ...wrong, password: user.password }
    })
    expect(refused.statusCode).toBe(429)
    expect(json(refused).code).toBe("TOO_MANY_ATTEMPTS")
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1)
  })

  it("logs out: 204, the cookie is cleared and the token stops working", async () => {
    const login = await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: admin.slug, email: admin.email, password: admin.password }
    })
    const token = json(login).token
    const out = await call(h.app, "POST", "/v1/auth/logout", { token })
    expect(out.statusCode).toBe(204)
    expect(cookieOf(out.headers["set-cookie"])).toMatch(/gatehouse_session=;.*Expires=Thu, 01 Jan 1970/)
    expect((await call(h.app, "GET", "/v1/me", { token })).statusCode).toBe(401)
    // logging out without (or with an already ended) session is not an error
    expect((await call(h.app, "POST", "/v1/auth/logout")).statusCode).toBe(204)
    expect((await call(h.app, "POST", "/v1/auth/logout", { token })).statusCode).toBe(204)
  })
})

describe("a password_change session", () => {
  let h: Harness
  let admin: TenantAdmin
  let token: string
  beforeAll(async () => {
    h = await makeHarness()
    admin = await newTenant(h.app)
    const email = "forced@acme.test"
    await call(h.app, "POST", "/v1/users", {
      token: admin.token,
      body: { email, firstName: "Fay", lastName: "Forced", role: "Regular", password: OTHER_PASSWORD }
    })
    const login = await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: admin.slug, email, password: OTHER_PASSWORD }
    })
    expect(json(login).session.scope).toBe("password_change")
    token = json(login).token
  })
  afterAll(() => h.close())

  it("reaches its own step's routes", async () => {
    expect((await call(h.app, "GET", "/v1/me", { token })).statusCode).toBe(200)
    expect((await call(h.app, "GET", "/v1/password-policy", { token })).statusCode).toBe(200)
    const check = await call(h.app, "POST", "/v1/password-policy/check", {
      token,
      body: { password: "short" }
    })
    expect(check.statusCode).toBe(200)
    expect(json(check).ok).toBe(false)
  })

  it.each([
    ["GET", "/v1/users"],
    ["PATCH", "/v1/me"],
    ["GET", "/v1/me/sessions"],
    ["GET", "/v1/roles"],
    ["GET", "/v1/organizations"],
    ["POST", "/v1/me/mfa/totp"],
    ["GET", "/v1/audit-events"]
  ] as const)("is refused %s %s with 403 FORBIDDEN", async (method, url) => {
    const response = await call(h.app, method, url, {
      token,
      ...(method === "PATCH" ? { body: { firstName: "Fiona" } } : {})
    })
    expect(response.statusCode).toBe(403)
    expect(json(response).code).toBe("FORBIDDEN")
  })

  it("changes the password (204), which ends it, and may log out", async () => {
    const changed = await call(h.app, "POST", "/v1/me/password", {
      token,
      body: { currentPassword: OTHER_PASSWORD, newPassword: PASSWORD }
    })
    expect(changed.statusCode).toBe(204)
    expect((await call(h.app, "GET", "/v1/me", { token })).statusCode).toBe(401)
    expect((await call(h.app, "POST", "/v1/auth/logout", { token })).statusCode).toBe(204)
  })
})

describe("per-IP rate limiting of the auth and setup routes", () => {
  it("answers 429 RATE_LIMITED with Retry-After once the limit is reached, and leaves other routes alone", async () => {
    const h = await makeHarness({ rateLimit: { max: 2, timeWindow: "1 minute" } })
    const body = { tenant: "acme", email: "a@acme.test", password: PASSWORD }
    expect((await call(h.app, "POST", "/v1/auth/login", { body })).statusCode).toBe(401)
    expect((await call(h.app, "POST", "/v1/auth/login", { body })).statusCode).toBe(401)
    const limited = await call(h.app, "POST", "/v1/auth/login", { body })
    expect(limited.statusCode).toBe(429)
    expect(limited.headers["content-type"]).toMatch(/^application\/problem\+json/)
    expect(json(limited).code).toBe("RATE_LIMITED")
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0)
    const setup = { token: "x" }
    await call(h.app, "POST", "/v1/setup/start", { body: setup })
    await call(h.app, "POST", "/v1/setup/start", { body: setup })
    expect((await call(h.app, "POST", "/v1/setup/start", { body: setup })).statusCode).toBe(429)
    for (let i = 0; i < 3; i++) expect((await call(h.app, "GET", "/v1/me")).statusCode).toBe(401)
    await h.close()
  })

  it("is on by default", async () => {
    const h = await makeHarness({ rateLimit: undefined })
    const body = { tenant: "acme", email: "a@acme.test", password: PASSWORD }
    const statuses: Array<number> = []
    for (let i = 0; i < 31; i++)
      statuses.push((await call(h.app, "POST", "/v1/auth/login", { body })).statusCode)
    expect(statuses.at(-1)).toBe(429)
    await h.close()
  })
})

describe("logs", () => {
  it("never contain passwords, tokens or cookies, even with verbose request serializers", async () => {
    const lines: Array<string> = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      }
    })
    const h = await makeHarness({
      fastify: {
        logger: {
          level: "trace",
          stream,
          redact: gatehouseLogRedaction,
          // a deployment that logs every header and body: the redaction still censors the credentials
          serializers: {
            req: (request) => ({
              method: request.method,
              url: request.url,
              headers: request.headers,
              body: request.body
            })
          }
        }
      }
    })
    const admin = await newTenant(h.app)
    const login = await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: admin.slug, email: admin.email, password: admin.password }
    })
    const token = json(login).token
    await call(h.app, "GET", "/v1/me", { token })
    await h.app.inject({ method: "GET", url: "/v1/me", cookies: { gatehouse_session: token } })
    await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: admin.slug, email: admin.email, password: "Wrong-Password-99" }
    })
    await h.close()

    const log = lines.join("")
    expect(lines.length).toBeGreaterThan(10)
    expect(log).toContain("/v1/auth/login")
    expect(log).toContain("[redacted]")
    for (const secret of [admin.password, "Wrong-Password-99", token, token.split(".")[1]!]) {
      expect(log).not.toContain(secret)
    }
  })
})
