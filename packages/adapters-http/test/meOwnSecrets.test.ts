import { describe, expect, it } from "vitest"
import { call, json, newUser, totpNow } from "./support/harness.ts"
import { tenantWithAdmin } from "./support/tenantWithAdmin.ts"

describe("one's own recovery codes and PIMS credentials", () => {
  const { h, admin } = tenantWithAdmin()

  it("POST /v1/me/mfa/totp/recovery-codes: new codes once with the password or a code; the old ones stop working", async () => {
    const user = await newUser(h.app, admin)
    const notYet = await call(h.app, "POST", "/v1/me/mfa/totp/recovery-codes", {
      token: user.token,
      body: { currentPassword: user.password }
    })
    expect([notYet.statusCode, json(notYet).code]).toEqual([409, "TOTP_NOT_ENABLED"])

    const { secret } = json(await call(h.app, "POST", "/v1/me/mfa/totp", { token: user.token }))
    const confirmed = await call(h.app, "POST", "/v1/me/mfa/totp/confirm", {
      token: user.token,
      body: { code: await totpNow(secret) }
    })
    const first: Array<string> = json(confirmed).recoveryCodes
    const credentials = { tenant: admin.slug, email: user.email, password: user.password }
    const token = json(
      await call(h.app, "POST", "/v1/auth/login", { body: { ...credentials, totp: first[0] } })
    ).token

    const wrongPassword = await call(h.app, "POST", "/v1/me/mfa/totp/recovery-codes", {
      token,
      body: { currentPassword: "Not-The-Password-99" }
    })
    expect([wrongPassword.statusCode, json(wrongPassword).code]).toEqual([422, "INVALID_CURRENT_PASSWORD"])
    const neither = await call(h.app, "POST", "/v1/me/mfa/totp/recovery-codes", { token, body: {} })
    expect(neither.statusCode).toBe(400)

    const byPassword = await call(h.app, "POST", "/v1/me/mfa/totp/recovery-codes", {
      token,
      body: { currentPassword: user.password }
    })
    expect(byPassword.statusCode).toBe(200)
    const second: Array<string> = json(byPassword).recoveryCodes
    expect(second).toHaveLength(10)
    expect(second.filter((code) => first.includes(code))).toEqual([])
    expect(byPassword.headers["cache-control"]).toContain("no-store")
    // the session that asked stays
    expect((await call(h.app, "GET", "/v1/me", { token })).statusCode).toBe(200)

    const withOld = await call(h.app, "POST", "/v1/auth/login", { body: { ...credentials, totp: first[1] } })
    expect(withOld.statusCode).toBe(401)
    const byCode = await call(h.app, "POST", "/v1/me/mfa/totp/recovery-codes", {
      token,
      body: { code: second[0] }
    })
    expect(byCode.statusCode).toBe(200)
    const third: Array<string> = json(byCode).recoveryCodes
    const withSecond = await call(h.app, "POST", "/v1/auth/login", {
      body: { ...credentials, totp: second[1] }
    })
    expect(withSecond.statusCode).toBe(401)
    const withThird = await call(h.app, "POST", "/v1/auth/login", {
      body: { ...credentials, totp: third[0] }
    })
    expect(withThird.statusCode).toBe(200)

    const audit = json(
      await call(h.app, "GET", `/v1/audit-events?action=mfa.recovery_codes_regenerated&target=${user.id}`, {
        token: admin.token
      })
    )
    expect(audit.items.map((e: { details: { method: string } }) => e.details.method).sort()).toEqual([
      "password",
      "recovery_code"
    ])
    expect(JSON.stringify(audit)).not.toContain(third[1])
  })

  it("DELETE /v1/me/external-credentials/pims: removes one's own login, 204 also when nothing is stored, audited", async () => {
    const user = await newUser(h.app, admin)
    const other = await newUser(h.app, admin)
    for (const who of [user, other]) {
      const saved = await call(h.app, "PUT", "/v1/me/external-credentials/pims", {
        token: who.token,
        body: { username: "rita", password: "pims-secret-9" }
      })
      expect(saved.statusCode).toBe(200)
    }
    const removed = await call(h.app, "DELETE", "/v1/me/external-credentials/pims", { token: user.token })
    expect(removed.statusCode).toBe(204)
    expect(
      json(await call(h.app, "GET", "/v1/me/external-credentials/pims", { token: user.token }))
    ).toMatchObject({
      present: false,
      username: null
    })
    // another user's are untouched
    expect(
      json(await call(h.app, "GET", "/v1/me/external-credentials/pims", { token: other.token })).present
    ).toBe(true)
    const again = await call(h.app, "DELETE", "/v1/me/external-credentials/pims", { token: user.token })
    expect(again.statusCode).toBe(204)
    const unknown = await call(h.app, "DELETE", "/v1/me/external-credentials/sap", { token: user.token })
    expect(unknown.statusCode).toBe(404)
    expect((await call(h.app, "DELETE", "/v1/me/external-credentials/pims")).statusCode).toBe(401)

    const audit = json(
      await call(h.app, "GET", `/v1/audit-events?action=external_credentials.deleted&target=${user.id}`, {
        token: admin.token
      })
    )
    expect(audit.items.map((e: { details: object }) => e.details)).toEqual([
      { system: "pims", status: "saved" }
    ])
  })
})
