import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  newUser,
  PLATFORM_TOKEN,
  problem,
  type TenantAdmin,
  type TestUser
} from "./support/harness.ts"

describe("tenant settings", () => {
  let h: Harness
  let admin: TenantAdmin
  let regular: TestUser
  beforeAll(async () => {
    h = await makeHarness()
    admin = await newTenant(h.app)
    regular = await newUser(h.app, admin)
  })
  afterAll(() => h.close())

  describe("/v1/password-policy", () => {
    it("is readable by any user of the tenant", async () => {
      const response = await call(h.app, "GET", "/v1/password-policy", { token: regular.token })
      expect(response.statusCode).toBe(200)
      expect(json(response)).toMatchObject({ preset: "product", minLength: 8, requireUppercase: true })
    })

    it("is replaced by a preset or explicit rules (settings:manage); a Regular user gets 403", async () => {
      const nist = await call(h.app, "PUT", "/v1/password-policy", {
        token: admin.token,
        body: { preset: "nist" }
      })
      expect(nist.statusCode).toBe(200)
      expect(json(nist)).toMatchObject({ preset: "nist", minLength: 15 })
      const rules = {
        minLength: 12,
        minLengthWithMfa: null,
        maxLength: 128,
        requireLowercase: false,
        requireUppercase: false,
        requireDigit: true,
        requireSymbol: false,
        generatedLength: 16
      }
      const custom = await call(h.app, "PUT", "/v1/password-policy", { token: admin.token, body: rules })
      expect(json(custom)).toEqual({ preset: "custom", ...rules })
      const denied = await call(h.app, "PUT", "/v1/password-policy", {
        token: regular.token,
        body: { preset: "nist" }
      })
      expect(denied.statusCode).toBe(403)
    })

    it("refuses an inconsistent policy with 400 VALIDATION", async () => {
      const response = await call(h.app, "PUT", "/v1/password-policy", {
        token: admin.token,
        body: {
          minLength: 200,
          minLengthWithMfa: null,
          maxLength: 64,
          requireLowercase: false,
          requireUppercase: false,
          requireDigit: false,
          requireSymbol: false,
          generatedLength: 16
        }
      })
      expect(response.statusCode).toBe(400)
      expect(json(response).code).toBe("VALIDATION")
    })

    it("checks a candidate password rule by rule, with the caller's context words", async () => {
      const response = await call(h.app, "POST", "/v1/password-policy/check", {
        token: regular.token,
        body: { password: "Rita-Regular-2026-long" }
      })
      expect(response.statusCode).toBe(200)
      const check = json(response)
      expect(check.ok).toBe(false)
      expect(check.results.find((r: { rule: string }) => r.rule === "noContextWords")).toMatchObject({
        passed: false
      })
      const missing = await call(h.app, "POST", "/v1/password-policy/check", {
        token: regular.token,
        body: {}
      })
      expect(missing.statusCode).toBe(400)
    })
  })

  describe("/v1/settings/external-credentials/{system}", () => {
    const setVerifyUrl = (
      verifyUrl: unknown,
      options: { slug?: string; token?: string; system?: string } = {}
    ) =>
      call(
        h.app,
        "PUT",
        `/v1/tenants/${options.slug ?? admin.slug}/external-credentials/${options.system ?? "pims"}`,
        { token: options.token ?? PLATFORM_TOKEN, body: { verifyUrl } }
      )

    it("the platform sets the verify URL, the admin the default credentials; the password is never answered; users are locked", async () => {
      const empty = json(
        await call(h.app, "GET", "/v1/settings/external-credentials/pims", { token: admin.token })
      )
      expect(empty).toEqual({ system: "pims", verifyUrl: null, defaultCredentials: null })
      const platform = await setVerifyUrl("https://pims.example/verify")
      expect(platform.statusCode).toBe(200)
      expect(json(platform)).toEqual({
        system: "pims",
        verifyUrl: "https://pims.example/verify",
        defaultCredentials: null
      })
      const put = await call(h.app, "PUT", "/v1/settings/external-credentials/pims", {
        token: admin.token,
        body: { defaultCredentials: { username: "shared", password: "s3cret-default" } }
      })
      expect(put.statusCode).toBe(200)
      expect(json(put)).toEqual({
        system: "pims",
        verifyUrl: "https://pims.example/verify",
        defaultCredentials: { username: "shared" }
      })
      expect(put.body).not.toContain("s3cret-default")
      const mine = json(
        await call(h.app, "GET", "/v1/me/external-credentials/pims", { token: regular.token })
      )
      expect(mine.locked).toBe(true)
      const locked = await call(h.app, "PUT", "/v1/me/external-credentials/pims", {
        token: regular.token,
        body: { username: "rita", password: "x" }
      })
      expect(locked.statusCode).toBe(409)
      expect(json(locked).code).toBe("CREDENTIALS_LOCKED")
      await call(h.app, "PUT", "/v1/settings/external-credentials/pims", {
        token: admin.token,
        body: { defaultCredentials: null }
      })
      const validated = await call(h.app, "PUT", "/v1/me/external-credentials/pims", {
        token: regular.token,
        body: { username: "rita", password: "x", validate: true }
      })
      expect(json(validated)).toEqual({ status: "connected" })
    })

    it("refuses a Regular user (403), an unknown system (404) and a URL with credentials (400)", async () => {
      expect(
        (await call(h.app, "GET", "/v1/settings/external-credentials/pims", { token: regular.token }))
          .statusCode
      ).toBe(403)
      expect(
        (await call(h.app, "GET", "/v1/settings/external-credentials/sap", { token: admin.token })).statusCode
      ).toBe(404)
      const bad = await setVerifyUrl("https://user:pw@pims.example/")
      expect(problem(bad)).toMatchObject({ status: 400, code: "VALIDATION" })
    })

    it("issue 12, item 4: a tenant admin cannot set the verify URL, on either route; nothing changes", async () => {
      expect((await setVerifyUrl("https://pims.example/verify")).statusCode).toBe(200)
      const before = json(
        await call(h.app, "GET", "/v1/settings/external-credentials/pims", { token: admin.token })
      )
      for (const body of [{ verifyUrl: "https://collector.example/" }, { verifyUrl: null }]) {
        const refused = await call(h.app, "PUT", "/v1/settings/external-credentials/pims", {
          token: admin.token,
          body
        })
        expect(problem(refused)).toMatchObject({ status: 400, code: "VALIDATION" })
        expect(json(refused).errors.map((e: { path: string }) => e.path)).toEqual(["verifyUrl"])
      }
      // the admin's session is no platform token
      const byAdmin = await setVerifyUrl("https://collector.example/", { token: admin.token })
      expect(problem(byAdmin)).toMatchObject({ status: 401, code: "UNAUTHENTICATED" })
      const anonymous = await call(h.app, "PUT", `/v1/tenants/${admin.slug}/external-credentials/pims`, {
        body: { verifyUrl: "https://collector.example/" }
      })
      expect(anonymous.statusCode).toBe(401)
      const after = json(
        await call(h.app, "GET", "/v1/settings/external-credentials/pims", { token: admin.token })
      )
      expect(after).toEqual(before)
      expect(after.verifyUrl).toBe("https://pims.example/verify")
    })

    it("the platform route: 404 for an unknown tenant or system, 400 without verifyUrl, null switches it off", async () => {
      expect(
        problem(await setVerifyUrl("https://pims.example/verify", { slug: "no-such-tenant" }))
      ).toMatchObject({
        status: 404,
        code: "NOT_FOUND"
      })
      expect((await setVerifyUrl("https://pims.example/verify", { system: "sap" })).statusCode).toBe(404)
      const missing = await call(h.app, "PUT", `/v1/tenants/${admin.slug}/external-credentials/pims`, {
        token: PLATFORM_TOKEN,
        body: {}
      })
      expect(problem(missing)).toMatchObject({ status: 400, code: "VALIDATION" })
      const off = await setVerifyUrl(null)
      expect(json(off).verifyUrl).toBeNull()
      const validate = await call(h.app, "PUT", "/v1/me/external-credentials/pims", {
        token: regular.token,
        body: { username: "rita", password: "x", validate: true }
      })
      expect(problem(validate)).toMatchObject({ status: 409 })
    })
  })
})
