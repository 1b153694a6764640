import { describe, expect, it } from "vitest"
import { call, json, newUser, PLATFORM_TOKEN, totpNow } from "./support/harness.ts"
import { tenantWithAdmin } from "./support/tenantWithAdmin.ts"

describe("/v1/me", () => {
  const { h, admin } = tenantWithAdmin()

  it("GET answers the caller with permissions and memberships, never admin notes; 401 without a session", async () => {
    const response = await call(h.app, "GET", "/v1/me", { token: admin.token })
    expect(response.statusCode).toBe(200)
    const me = json(response)
    expect(me.id).toBe(admin.adminId)
    expect(me.permissions).toContain("users:write")
    expect(me.memberships).toEqual([])
    expect(me).not.toHaveProperty("adminNotes")
    expect(me).not.toHaveProperty("passwordHash")
    expect(response.headers.etag).toBe(`W/"${me.version}"`)
    expect((await call(h.app, "GET", "/v1/me")).statusCode).toBe(401)
  })

  it("GET names the caller's tenant (id, slug, name, preset) and session scope, also mid-step", async () => {
    const me = json(await call(h.app, "GET", "/v1/me", { token: admin.token }))
    expect(me.session).toEqual({ scope: "full" })
    expect(me.tenant).toEqual({
      id: admin.tenantId,
      slug: admin.slug,
      name: expect.any(String),
      preset: "weevio"
    })
    const created = json(
      await call(h.app, "POST", "/v1/tenants", {
        token: PLATFORM_TOKEN,
        body: {
          slug: "stream-me",
          name: "Stream Me Ltd",
          preset: "weavestream",
          admin: { email: "ada@stream.test", firstName: "Ada", lastName: "Admin" }
        }
      })
    )
    const login = json(
      await call(h.app, "POST", "/v1/auth/login", {
        body: { tenant: "stream-me", email: "ada@stream.test", password: created.generatedPassword }
      })
    )
    expect(login.session.scope).toBe("password_change")
    const restricted = json(await call(h.app, "GET", "/v1/me", { token: login.token }))
    expect(restricted.session).toEqual({ scope: "password_change" })
    expect(restricted.tenant).toEqual({
      id: created.tenant.id,
      slug: "stream-me",
      name: "Stream Me Ltd",
      preset: "weavestream"
    })
  })

  it("PATCH edits one's own profile (with or without If-Match), never admin notes in the answer", async () => {
    const user = await newUser(h.app, admin)
    await call(h.app, "PATCH", `/v1/users/${admin.adminId}`, {
      token: admin.token,
      headers: {
        "if-match": (await call(h.app, "GET", "/v1/me", { token: admin.token })).headers.etag as string
      },
      body: { adminNotes: "private" }
    })
    const plain = await call(h.app, "PATCH", "/v1/me", {
      token: admin.token,
      body: { firstName: "Oona", language: "en-GB" }
    })
    expect(plain.statusCode).toBe(200)
    expect(json(plain)).toMatchObject({ firstName: "Oona", language: "en-GB" })
    expect(json(plain)).not.toHaveProperty("adminNotes")
    const conditional = await call(h.app, "PATCH", "/v1/me", {
      token: user.token,
      headers: {
        "if-match": (await call(h.app, "GET", "/v1/me", { token: user.token })).headers.etag as string
      },
      body: { phone: "+14155550199" }
    })
    expect(json(conditional).phone).toBe("+14155550199")
  })

  it("PATCH refuses a stale If-Match (412) and fields one may not set oneself (400)", async () => {
    const user = await newUser(h.app, admin)
    const stale = await call(h.app, "PATCH", "/v1/me", {
      token: user.token,
      headers: { "if-match": 'W/"1"' },
      body: { firstName: "Rhea" }
    })
    expect(stale.statusCode).toBe(412)
    const role = await call(h.app, "PATCH", "/v1/me", { token: user.token, body: { role: "Admin" } })
    expect(role.statusCode).toBe(400)
    const notes = await call(h.app, "PATCH", "/v1/me", { token: user.token, body: { adminNotes: "x" } })
    expect(notes.statusCode).toBe(400)
    const email = await call(h.app, "PATCH", "/v1/me", { token: user.token, body: { email: "x@acme.test" } })
    expect(email.statusCode).toBe(400)
  })

  it("POST password changes it (204, every session ends) and refuses a wrong current one (422)", async () => {
    const user = await newUser(h.app, admin)
    const wrong = await call(h.app, "POST", "/v1/me/password", {
      token: user.token,
      body: { currentPassword: "Not-The-Password-1", newPassword: "Ov3n-Parsley-Glacier" }
    })
    expect(wrong.statusCode).toBe(422)
    expect(json(wrong).code).toBe("INVALID_CURRENT_PASSWORD")
    const weak = await call(h.app, "POST", "/v1/me/password", {
      token: user.token,
      body: { currentPassword: user.password, newPassword: "password" }
    })
    expect(weak.statusCode).toBe(422)
    expect(json(weak).code).toBe("PASSWORD_POLICY")
    const changed = await call(h.app, "POST", "/v1/me/password", {
      token: user.token,
      body: { currentPassword: user.password, newPassword: "Ov3n-Parsley-Glacier" }
    })
    expect(changed.statusCode).toBe(204)
    expect(changed.headers["set-cookie"]).toBeDefined()
    expect((await call(h.app, "GET", "/v1/me", { token: user.token })).statusCode).toBe(401)
  })

  it("GET sessions lists the caller's sessions; DELETE ends one of them (404 for anyone else's)", async () => {
    const user = await newUser(h.app, admin)
    const second = json(
      await call(h.app, "POST", "/v1/auth/login", {
        body: { tenant: admin.slug, email: user.email, password: user.password }
      })
    )
    const listed = json(await call(h.app, "GET", "/v1/me/sessions", { token: user.token }))
    expect(listed.total).toBe(2)
    // `current` marks the session the request came with, and only that one
    const currentIds = (tokenOf: string) =>
      call(h.app, "GET", "/v1/me/sessions", { token: tokenOf }).then((r) =>
        json(r)
          .items.filter((s: { current: boolean }) => s.current)
          .map((s: { id: string }) => s.id)
      )
    expect(await currentIds(second.token)).toEqual([second.session.id])
    expect(await currentIds(user.token)).toEqual([user.token.split(".")[0]])
    const ended = await call(h.app, "DELETE", `/v1/me/sessions/${second.session.id}`, { token: user.token })
    expect(ended.statusCode).toBe(204)
    expect((await call(h.app, "GET", "/v1/me", { token: second.token })).statusCode).toBe(401)
    const foreign = await call(h.app, "DELETE", `/v1/me/sessions/${second.session.id}`, {
      token: admin.token
    })
    expect(foreign.statusCode).toBe(404)
  })

  it("enrols TOTP, then logs in with MFA_REQUIRED / a code, and turns it off with a code", async () => {
    const user = await newUser(h.app, admin)
    const started = await call(h.app, "POST", "/v1/me/mfa/totp", { token: user.token })
    expect(started.statusCode).toBe(200)
    const { secret, otpauthUri } = json(started)
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//)

    const badCode = await call(h.app, "POST", "/v1/me/mfa/totp/confirm", {
      token: user.token,
      body: { code: "000000" === (await totpNow(secret)) ? "111111" : "000000" }
    })
    expect(badCode.statusCode).toBe(422)
    expect(json(badCode).code).toBe("INVALID_TOTP_CODE")

    const confirmed = await call(h.app, "POST", "/v1/me/mfa/totp/confirm", {
      token: user.token,
      body: { code: await totpNow(secret) }
    })
    expect(confirmed.statusCode).toBe(200)
    expect(json(confirmed).recoveryCodes).toHaveLength(10)
    expect((await call(h.app, "GET", "/v1/me", { token: user.token })).statusCode).toBe(401)

    const credentials = { tenant: admin.slug, email: user.email, password: user.password }
    const needsCode = await call(h.app, "POST", "/v1/auth/login", { body: credentials })
    expect(needsCode.statusCode).toBe(401)
    expect(json(needsCode).code).toBe("MFA_REQUIRED")
    // the confirming code is used up; the next step's code logs in
    const login = await call(h.app, "POST", "/v1/auth/login", {
      body: { ...credentials, totp: json(confirmed).recoveryCodes[0] }
    })
    expect(login.statusCode).toBe(200)
    const token = json(login).token

    const again = await call(h.app, "POST", "/v1/me/mfa/totp", { token })
    expect(again.statusCode).toBe(409)
    expect(json(again).code).toBe("TOTP_ALREADY_ENABLED")

    const off = await call(h.app, "DELETE", "/v1/me/mfa/totp", {
      token,
      body: { code: json(confirmed).recoveryCodes[1] }
    })
    expect(off.statusCode).toBe(204)
    const relogin = await call(h.app, "POST", "/v1/auth/login", { body: credentials })
    expect(relogin.statusCode).toBe(200)
    const offAgain = await call(h.app, "DELETE", "/v1/me/mfa/totp", {
      token: json(relogin).token,
      body: { code: "123456" }
    })
    expect(offAgain.statusCode).toBe(409)
    expect(json(offAgain).code).toBe("TOTP_NOT_ENABLED")
  })

  it("confirming without a pending enrolment is 409 TOTP_NOT_PENDING", async () => {
    const user = await newUser(h.app, admin)
    const response = await call(h.app, "POST", "/v1/me/mfa/totp/confirm", {
      token: user.token,
      body: { code: "123456" }
    })
    expect(response.statusCode).toBe(409)
    expect(json(response).code).toBe("TOTP_NOT_PENDING")
  })

  it("stores one's own external credentials and reads them back without the password", async () => {
    const user = await newUser(h.app, admin)
    const empty = json(await call(h.app, "GET", "/v1/me/external-credentials/pims", { token: user.token }))
    expect(empty).toMatchObject({ system: "pims", present: false, locked: false })
    const saved = await call(h.app, "PUT", "/v1/me/external-credentials/pims", {
      token: user.token,
      body: { username: "rita", password: "pims-secret-2" }
    })
    expect(saved.statusCode).toBe(200)
    expect(json(saved)).toEqual({ status: "saved" })
    const read = await call(h.app, "GET", "/v1/me/external-credentials/pims", { token: user.token })
    expect(json(read)).toMatchObject({ present: true, username: "rita", status: "saved" })
    expect(read.body).not.toContain("pims-secret-2")
  })

  it("external credentials: unknown system 404; validation without a verify URL is 409 VERIFIER_NOT_CONFIGURED", async () => {
    const user = await newUser(h.app, admin)
    expect(
      (await call(h.app, "GET", "/v1/me/external-credentials/sap", { token: user.token })).statusCode
    ).toBe(404)
    const validate = await call(h.app, "PUT", "/v1/me/external-credentials/pims", {
      token: user.token,
      body: { username: "rita", password: "pims-secret-3", validate: true }
    })
    expect(validate.statusCode).toBe(409)
    expect(json(validate).code).toBe("VERIFIER_NOT_CONFIGURED")
  })
})
