import { decodeBase32, generateTotp } from "@gatehouse/domain"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  json,
  loginFull,
  OTHER_PASSWORD,
  PASSWORD,
  PLATFORM_TOKEN,
  problem,
  setupTokenOf
} from "../support/harness.ts"
import { makePgliteHarness, type PgliteHarness } from "./pgliteHarness.ts"

const STEP_MS = 30_000

/** The code of the authenticator with `secret` (base32), `steps` time steps from now. */
const totpCode = (secret: string, steps = 0): Promise<string> =>
  Effect.runPromise(
    decodeBase32(secret).pipe(Effect.flatMap((key) => generateTotp(key, Date.now() + steps * STEP_MS)))
  )

/** The setup link in the text of the last email sent to `to`. */
const linkIn = (text: string): string => {
  const link = /https?:\/\/\S+#token=[^\s"<]+/u.exec(text)?.[0]
  if (link === undefined) throw new Error(`no setup link in: ${text}`)
  return link
}

/**
 * Setup links and TOTP over HTTP on PostgreSQL (PGlite): an invited user completes setup from the link in
 * their email, enrols an authenticator and logs in with its codes; a user required to use TOTP enrols during
 * setup. The steps build on each other, in order.
 */
describe("e2e on PGlite: setup links and TOTP", () => {
  let h: PgliteHarness
  const slug = "e2e-setup"
  let adminToken = ""
  let inviteeId = ""
  let token = ""
  let secret = ""
  let recoveryCodes: ReadonlyArray<string> = []

  const lastMailTo = async (to: string) => {
    const mails = (await h.outbox()).filter((mail) => mail.to === to)
    expect(mails.length).toBeGreaterThan(0)
    return mails[mails.length - 1]!
  }
  const login = (email: string, password: string, totp?: string) =>
    call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: slug, email, password, ...(totp === undefined ? {} : { totp }) }
    })

  beforeAll(async () => {
    h = await makePgliteHarness()
    const created = await call(h.app, "POST", "/v1/tenants", {
      token: PLATFORM_TOKEN,
      body: {
        slug,
        name: "E2E Setup",
        preset: "weevio",
        admin: { email: "sam.admin@e2e.test", firstName: "Sam", lastName: "Admin" }
      }
    })
    expect(created.statusCode).toBe(201)
    adminToken = (await loginFull(h.app, slug, "sam.admin@e2e.test", json(created).generatedPassword)).token
  })
  afterAll(() => h?.close())

  it("invites a user: the setup link is answered once and emailed; a new link replaces it", async () => {
    const created = await call(h.app, "POST", "/v1/users", {
      token: adminToken,
      body: { email: "ivy@e2e.test", firstName: "Ivy", lastName: "Invitee", role: "Regular", invite: true }
    })
    expect(created.statusCode).toBe(201)
    const body = json(created)
    expect(body.user.status).toBe("pending")
    inviteeId = body.user.id
    const mail = await lastMailTo("ivy@e2e.test")
    expect(linkIn(mail.text)).toBe(body.setupUrl)

    const regenerated = json(
      await call(h.app, "POST", `/v1/users/${inviteeId}/setup-link`, { token: adminToken })
    )
    expect(regenerated.setupUrl).not.toBe(body.setupUrl)
    const old = await call(h.app, "POST", "/v1/setup/start", { body: { token: setupTokenOf(body.setupUrl) } })
    expect(old.statusCode).toBeGreaterThanOrEqual(400)
    expect(linkIn((await lastMailTo("ivy@e2e.test")).text)).toBe(regenerated.setupUrl)
    token = setupTokenOf(regenerated.setupUrl)
  })

  it("completes setup from the link (start, complete); the link then answers 410 TOKEN_USED", async () => {
    const started = await call(h.app, "POST", "/v1/setup/start", { body: { token } })
    expect(started.statusCode).toBe(200)
    expect(json(started)).toMatchObject({
      email: "ivy@e2e.test",
      tenant: { slug, name: "E2E Setup" },
      requiresTotp: false
    })
    const weak = await call(h.app, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Ivy", password: "ivy" }
    })
    expect(problem(weak)).toMatchObject({ status: 422, code: "PASSWORD_POLICY" })
    const completed = await call(h.app, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Ivy I.", password: PASSWORD }
    })
    expect(completed.statusCode).toBe(200)
    expect(json(completed)).toMatchObject({ userId: inviteeId, email: "ivy@e2e.test" })
    const reused = await call(h.app, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Ivy I.", password: OTHER_PASSWORD }
    })
    expect(problem(reused)).toMatchObject({ status: 410, code: "TOKEN_USED" })
    const user = json(await call(h.app, "GET", `/v1/users/${inviteeId}`, { token: adminToken }))
    expect(user).toMatchObject({ status: "active", displayName: "Ivy I." })
    expect(json(await login("ivy@e2e.test", PASSWORD)).session.scope).toBe("full")
  })

  it("enrols an authenticator: a code confirms it and recovery codes are answered once", async () => {
    const session = json(await login("ivy@e2e.test", PASSWORD))
    const enrolment = await call(h.app, "POST", "/v1/me/mfa/totp", { token: session.token })
    expect(enrolment.statusCode).toBe(200)
    const started = json(enrolment)
    expect(started.otpauthUri).toContain(`secret=${started.secret}`)
    secret = started.secret
    const wrong = await call(h.app, "POST", "/v1/me/mfa/totp/confirm", {
      token: session.token,
      body: { code: (await totpCode(secret)) === "000000" ? "111111" : "000000" }
    })
    expect(problem(wrong)).toMatchObject({ status: 422, code: "INVALID_TOTP_CODE" })
    const confirmed = await call(h.app, "POST", "/v1/me/mfa/totp/confirm", {
      token: session.token,
      body: { code: await totpCode(secret) }
    })
    expect(confirmed.statusCode).toBe(200)
    recoveryCodes = json(confirmed).recoveryCodes
    expect(recoveryCodes.length).toBeGreaterThan(0)
  })

  it("then asks for the code at login (401 MFA_REQUIRED), takes a fresh one once, and a recovery code once", async () => {
    expect(problem(await login("ivy@e2e.test", PASSWORD))).toMatchObject({
      status: 401,
      code: "MFA_REQUIRED"
    })
    // the confirmation used the current step: the next one (within the drift window) is fresh
    const code = await totpCode(secret, 1)
    const withCode = await login("ivy@e2e.test", PASSWORD, code)
    expect(withCode.statusCode).toBe(200)
    expect(json(withCode).session.scope).toBe("full")
    expect((await login("ivy@e2e.test", PASSWORD, code)).statusCode).toBe(401)
    expect((await login("ivy@e2e.test", OTHER_PASSWORD, await totpCode(secret, 1))).statusCode).toBe(401)

    const recovery = recoveryCodes[0]!
    expect((await login("ivy@e2e.test", PASSWORD, recovery)).statusCode).toBe(200)
    expect((await login("ivy@e2e.test", PASSWORD, recovery)).statusCode).toBe(401)
  })

  it("has a user required to use TOTP enrol during setup, then log in with a code", async () => {
    const created = json(
      await call(h.app, "POST", "/v1/users", {
        token: adminToken,
        body: {
          email: "tess@e2e.test",
          firstName: "Tess",
          lastName: "Totp",
          role: "Regular",
          requireTotp: true,
          invite: true
        }
      })
    )
    const setupToken = setupTokenOf(linkIn((await lastMailTo("tess@e2e.test")).text))
    const started = json(await call(h.app, "POST", "/v1/setup/start", { body: { token: setupToken } }))
    expect(started.requiresTotp).toBe(true)
    const tessSecret = started.totp.secret
    const missing = await call(h.app, "POST", "/v1/setup/complete", {
      body: { token: setupToken, displayName: "Tess", password: PASSWORD }
    })
    expect(missing.statusCode).toBeGreaterThanOrEqual(400)
    expect(missing.statusCode).toBeLessThan(500)
    const completed = await call(h.app, "POST", "/v1/setup/complete", {
      body: {
        token: setupToken,
        displayName: "Tess",
        password: PASSWORD,
        totpCode: await totpCode(tessSecret)
      }
    })
    expect(completed.statusCode).toBe(200)
    expect(json(completed).recoveryCodes.length).toBeGreaterThan(0)
    expect(problem(await login("tess@e2e.test", PASSWORD))).toMatchObject({ code: "MFA_REQUIRED" })
    const session = json(await login("tess@e2e.test", PASSWORD, await totpCode(tessSecret, 1)))
    expect(session.session.scope).toBe("full")
    const me = json(await call(h.app, "GET", "/v1/me", { token: session.token }))
    expect(me).toMatchObject({ id: created.user.id, totpEnabled: true })
  })
})
