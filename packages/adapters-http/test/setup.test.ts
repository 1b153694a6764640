import { describe, expect, it } from "vitest"
import { call, json, PASSWORD, PLATFORM_TOKEN, setupTokenOf, totpNow } from "./support/harness.ts"
import { tenantWithAdmin } from "./support/tenantWithAdmin.ts"

describe("/v1/setup", () => {
  const { h, admin } = tenantWithAdmin()

  it("starts and completes setup from an invitation, once; the user then logs in", async () => {
    const created = json(
      await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: {
          email: "newbie@acme.test",
          firstName: "Nia",
          lastName: "Newbie",
          role: "Regular",
          invite: true
        }
      })
    )
    const token = setupTokenOf(created.setupUrl)
    const started = await call(h.app, "POST", "/v1/setup/start", { body: { token } })
    expect(started.statusCode).toBe(200)
    expect(json(started)).toMatchObject({
      email: "newbie@acme.test",
      firstName: "Nia",
      lastName: "Newbie",
      tenant: { slug: admin.slug, preset: "weevio" },
      // the setup page's live check-marks need the policy before any session exists
      passwordPolicy: { preset: "product", minLength: 8, requireUppercase: true, requireDigit: true },
      requiresTotp: false
    })
    const completed = await call(h.app, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Nia N.", password: PASSWORD }
    })
    expect(completed.statusCode).toBe(200)
    expect(json(completed)).toEqual({ userId: created.user.id, email: "newbie@acme.test" })
    const reused = await call(h.app, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Nia N.", password: PASSWORD }
    })
    expect(reused.statusCode).toBe(410)
    expect(json(reused).code).toBe("TOKEN_USED")
    const startedAgain = await call(h.app, "POST", "/v1/setup/start", { body: { token } })
    expect(json(startedAgain).code).toBe("TOKEN_USED")
    const login = await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: admin.slug, email: "newbie@acme.test", password: PASSWORD }
    })
    expect(json(login).session.scope).toBe("full")
  })

  it("answers an unknown or malformed token with 404 TOKEN_INVALID, a missing one with 400", async () => {
    const unknown = `${crypto.randomUUID()}.${"A".repeat(43)}`
    for (const token of [unknown, "garbage"]) {
      for (const step of ["start", "complete"]) {
        const response = await call(h.app, "POST", `/v1/setup/${step}`, {
          body: step === "start" ? { token } : { token, displayName: "X", password: PASSWORD }
        })
        expect(response.statusCode).toBe(404)
        expect(json(response).code).toBe("TOKEN_INVALID")
      }
    }
    expect((await call(h.app, "POST", "/v1/setup/start", { body: {} })).statusCode).toBe(400)
  })

  it("keeps the token usable after a policy refusal (422 PASSWORD_POLICY)", async () => {
    const created = json(
      await call(h.app, "POST", "/v1/users", {
        token: admin.token,
        body: {
          email: "retry@acme.test",
          firstName: "Remy",
          lastName: "Retry",
          role: "Regular",
          invite: true
        }
      })
    )
    const token = setupTokenOf(created.setupUrl)
    const weak = await call(h.app, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Remy", password: "weak" }
    })
    expect(weak.statusCode).toBe(422)
    expect(json(weak).code).toBe("PASSWORD_POLICY")
    const ok = await call(h.app, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Remy", password: PASSWORD }
    })
    expect(ok.statusCode).toBe(200)
  })

  it("enrols TOTP during setup when the role requires it (weavestream), answering recovery codes once", async () => {
    const tenant = json(
      await call(h.app, "POST", "/v1/tenants", {
        token: PLATFORM_TOKEN,
        body: {
          slug: "weave-setup",
          name: "Weave",
          preset: "weavestream",
          admin: { email: "chief@weave.test", firstName: "Cleo", lastName: "Chief" },
          invite: true
        }
      })
    )
    expect(tenant.admin.status).toBe("pending")
    const token = setupTokenOf(tenant.setupUrl)
    const started = json(await call(h.app, "POST", "/v1/setup/start", { body: { token } }))
    expect(started.requiresTotp).toBe(true)
    expect(started.totp.secret).toBeTypeOf("string")
    const noCode = await call(h.app, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Cleo", password: PASSWORD }
    })
    expect(noCode.statusCode).toBe(400)
    const code = await totpNow(started.totp.secret)
    const completed = await call(h.app, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Cleo", password: PASSWORD, totpCode: code }
    })
    expect(completed.statusCode).toBe(200)
    expect(json(completed).recoveryCodes).toHaveLength(10)
  })
})
