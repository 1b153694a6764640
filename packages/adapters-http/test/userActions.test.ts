import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  newUser,
  type TenantAdmin,
  type TestUser
} from "./support/harness.ts"

describe("/v1/users/{id}/...", () => {
  let h: Harness
  let admin: TenantAdmin
  beforeAll(async () => {
    h = await makeHarness()
    admin = await newTenant(h.app)
  })
  afterAll(() => h.close())

  describe("PUT role", () => {
    it("gives another role (200, ETag) and refuses one's own (403 CANNOT_CHANGE_OWN_ROLE)", async () => {
      const user = await newUser(h.app, admin)
      const response = await call(h.app, "PUT", `/v1/users/${user.id}/role`, {
        token: admin.token,
        body: { role: "Admin" }
      })
      expect(response.statusCode).toBe(200)
      expect(json(response).role).toBe("Admin")
      expect(response.headers.etag).toBe(`W/"${json(response).version}"`)
      const own = await call(h.app, "PUT", `/v1/users/${admin.adminId}/role`, {
        token: admin.token,
        body: { role: "Regular" }
      })
      expect(own.statusCode).toBe(403)
      expect(json(own).code).toBe("CANNOT_CHANGE_OWN_ROLE")
    })

    it("answers an unknown role with 404 and a Regular caller with 403", async () => {
      const user = await newUser(h.app, admin)
      const unknown = await call(h.app, "PUT", `/v1/users/${user.id}/role`, {
        token: admin.token,
        body: { role: "Wizard" }
      })
      expect(unknown.statusCode).toBe(404)
      const byRegular = await call(h.app, "PUT", `/v1/users/${admin.adminId}/role`, {
        token: user.token,
        body: { role: "Regular" }
      })
      expect(byRegular.statusCode).toBe(403)
    })
  })

  describe("status changes", () => {
    let user: TestUser
    beforeAll(async () => {
      user = await newUser(h.app, admin)
    })

    it("disables (sessions end), enables, deactivates and restores", async () => {
      const disabled = await call(h.app, "POST", `/v1/users/${user.id}/disable`, { token: admin.token })
      expect(disabled.statusCode).toBe(200)
      expect(json(disabled).status).toBe("disabled")
      expect((await call(h.app, "GET", "/v1/me", { token: user.token })).statusCode).toBe(401)
      const enabled = await call(h.app, "POST", `/v1/users/${user.id}/enable`, { token: admin.token })
      expect(json(enabled).status).toBe("active")
      const deactivated = await call(h.app, "POST", `/v1/users/${user.id}/deactivate`, { token: admin.token })
      expect(json(deactivated).status).toBe("deactivated")
      const restored = await call(h.app, "POST", `/v1/users/${user.id}/restore`, { token: admin.token })
      expect(json(restored).status).toBe("active")
    })

    it("refuses disabling or deactivating oneself with 403 CANNOT_DISABLE_SELF", async () => {
      for (const action of ["disable", "deactivate"]) {
        const response = await call(h.app, "POST", `/v1/users/${admin.adminId}/${action}`, {
          token: admin.token
        })
        expect(response.statusCode).toBe(403)
        expect(json(response).code).toBe("CANNOT_DISABLE_SELF")
      }
    })

    it("refuses a transition the status does not allow with 409 INVALID_STATUS_TRANSITION", async () => {
      for (const action of ["enable", "restore"]) {
        const response = await call(h.app, "POST", `/v1/users/${admin.adminId}/${action}`, {
          token: admin.token
        })
        expect(response.statusCode).toBe(409)
        expect(json(response).code).toBe("INVALID_STATUS_TRANSITION")
      }
    })
  })

  describe("POST password", () => {
    it("resets with a generated password answered once, ending the user's sessions", async () => {
      const user = await newUser(h.app, admin)
      const response = await call(h.app, "POST", `/v1/users/${user.id}/password`, {
        token: admin.token,
        body: { generate: true }
      })
      expect(response.statusCode).toBe(200)
      const { generatedPassword } = json(response)
      expect(generatedPassword).toBeTypeOf("string")
      expect((await call(h.app, "GET", "/v1/me", { token: user.token })).statusCode).toBe(401)
      const login = await call(h.app, "POST", "/v1/auth/login", {
        body: { tenant: admin.slug, email: user.email, password: generatedPassword }
      })
      expect(json(login).session.scope).toBe("password_change")
    })

    it("sets a typed password (answering no secret), and refuses both or neither with 400", async () => {
      const user = await newUser(h.app, admin)
      const typed = await call(h.app, "POST", `/v1/users/${user.id}/password`, {
        token: admin.token,
        body: { newPassword: "Ov3n-Parsley-Glacier" }
      })
      expect(typed.statusCode).toBe(200)
      expect(json(typed)).toEqual({})
      const both = await call(h.app, "POST", `/v1/users/${user.id}/password`, {
        token: admin.token,
        body: { newPassword: "Ov3n-Parsley-Glacier", generate: true }
      })
      expect(both.statusCode).toBe(400)
      const neither = await call(h.app, "POST", `/v1/users/${user.id}/password`, {
        token: admin.token,
        body: {}
      })
      expect(neither.statusCode).toBe(400)
    })
  })

  describe("setup links", () => {
    it("regenerates a pending user's link (the old one stops working) and revokes it", async () => {
      const created = json(
        await call(h.app, "POST", "/v1/users", {
          token: admin.token,
          body: {
            email: "pending@acme.test",
            firstName: "Pia",
            lastName: "Pending",
            role: "Regular",
            invite: true
          }
        })
      )
      const oldToken = decodeURIComponent(created.setupUrl.split("#token=")[1])
      const fresh = await call(h.app, "POST", `/v1/users/${created.user.id}/setup-link`, {
        token: admin.token
      })
      expect(fresh.statusCode).toBe(200)
      expect(json(fresh).setupUrl).toMatch(/#token=/)
      expect(json(fresh).setupUrl).not.toBe(created.setupUrl)
      expect(json(fresh).emailSent).toBe(true)
      const old = await call(h.app, "POST", "/v1/setup/start", { body: { token: oldToken } })
      expect(old.statusCode).toBe(404)
      const revoked = await call(h.app, "DELETE", `/v1/users/${created.user.id}/setup-link`, {
        token: admin.token
      })
      expect(revoked.statusCode).toBe(200)
      expect(json(revoked).revoked).toBe(1)
    })

    it("refuses a link for an active user with 409 USER_NOT_PENDING", async () => {
      const response = await call(h.app, "POST", `/v1/users/${admin.adminId}/setup-link`, {
        token: admin.token
      })
      expect(response.statusCode).toBe(409)
      expect(json(response).code).toBe("USER_NOT_PENDING")
      const revoke = await call(h.app, "DELETE", `/v1/users/${admin.adminId}/setup-link`, {
        token: admin.token
      })
      expect(revoke.statusCode).toBe(409)
    })
  })

  describe("sessions", () => {
    it("lists a user's sessions (never a secret hash) and ends them all", async () => {
      const user = await newUser(h.app, admin)
      const listed = await call(h.app, "GET", `/v1/users/${user.id}/sessions`, { token: admin.token })
      expect(listed.statusCode).toBe(200)
      expect(json(listed).total).toBe(1)
      expect(json(listed).items[0]).not.toHaveProperty("secretHash")
      const ended = await call(h.app, "DELETE", `/v1/users/${user.id}/sessions`, { token: admin.token })
      expect(ended.statusCode).toBe(200)
      expect(json(ended).ended).toBe(1)
      expect((await call(h.app, "GET", "/v1/me", { token: user.token })).statusCode).toBe(401)
    })

    it("refuses a Regular caller with 403", async () => {
      const user = await newUser(h.app, admin)
      expect(
        (await call(h.app, "GET", `/v1/users/${admin.adminId}/sessions`, { token: user.token })).statusCode
      ).toBe(403)
      expect(
        (await call(h.app, "DELETE", `/v1/users/${admin.adminId}/sessions`, { token: user.token })).statusCode
      ).toBe(403)
    })
  })

  describe("DELETE mfa/totp", () => {
    it("clears another user's TOTP (204) but not one's own (403)", async () => {
      const user = await newUser(h.app, admin)
      const cleared = await call(h.app, "DELETE", `/v1/users/${user.id}/mfa/totp`, { token: admin.token })
      expect(cleared.statusCode).toBe(204)
      const own = await call(h.app, "DELETE", `/v1/users/${admin.adminId}/mfa/totp`, { token: admin.token })
      expect(own.statusCode).toBe(403)
      expect(json(own).code).toBe("FORBIDDEN")
    })
  })

  describe("GET external-credentials/{system}", () => {
    it("shows presence and status, never the password; an unknown system is 404", async () => {
      const user = await newUser(h.app, admin)
      await call(h.app, "PUT", "/v1/me/external-credentials/pims", {
        token: user.token,
        body: { username: "rita", password: "pims-secret-1" }
      })
      const response = await call(h.app, "GET", `/v1/users/${user.id}/external-credentials/pims`, {
        token: admin.token
      })
      expect(response.statusCode).toBe(200)
      expect(json(response)).toMatchObject({
        system: "pims",
        present: true,
        username: "rita",
        status: "saved"
      })
      expect(response.body).not.toContain("pims-secret-1")
      const unknown = await call(h.app, "GET", `/v1/users/${user.id}/external-credentials/sap`, {
        token: admin.token
      })
      expect(unknown.statusCode).toBe(404)
    })
  })
})
