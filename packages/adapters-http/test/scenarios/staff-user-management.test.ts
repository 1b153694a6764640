import { memory } from "@gatehouse/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PLATFORM_TOKEN } from "../support/harness.ts"
import { makeScenarioHarness, type ScenarioHarness, STORE } from "./support/scenarioHarness.ts"
import { createTenant, json, loggedIn, login, problem, readUser, request } from "./support/steps.ts"

/** The exact text the staff product shows while the tenant's default PIMS credentials are in use. */
const DEFAULT_PIMS_MESSAGE =
  "You are logged in using the default PIMS credentials for this tenant. You are not able to change your PIMS credentials."

/** The exact reason the staff product shows on Orders and SROs without a PIMS login. */
const ORDERS_NEED_PIMS = "To access Orders and SROs, sign in to PIMS."

/** Which PIMS login a page that calls PIMS would use (`?feature=orders|dashboard`). */
const PIMS_ACCESS = "/v1/me/external-credentials/pims/access"

// Passwords free of every context word below (names, email local parts, tenant name).
const ADMIN_PASSWORD = "Tq8!Nebula-Crane-Vortex"
const REGULAR_PASSWORD = "Zr4?Quartz-Heron-Mosaic"

/** The product's rule set, as the policy's per-rule results name it (weevio: 8 + lower + upper + digit). */
const PRODUCT_RULES = [
  "minLength",
  "maxLength",
  "requireLowercase",
  "requireUppercase",
  "requireDigit",
  "notCommon",
  "noContextWords"
]

interface RuleResult {
  readonly rule: string
  readonly passed: boolean
  readonly message: string
}

const verdicts = (results: ReadonlyArray<RuleResult>) =>
  Object.fromEntries(results.map((r) => [r.rule, r.passed]))

/**
 * The staff product (preset `weevio`) walked over HTTP on PostgreSQL: Admin and Regular staff, the password rules
 * shown one by one with live check-marks, the 8-character generator, the forced change at first login, PIMS
 * credentials with validation and the tenant's default-credentials mode, the pages that need a PIMS login
 * (Orders and SROs, the dashboard), deletion, and the Regular user's own-profile redirect. The steps build on
 * each other, in order.
 */
describe(`staff user management (weevio) over HTTP on ${STORE}`, () => {
  let h: ScenarioHarness
  const slug = "weevio-staff"
  const adminEmail = "margaret.holloway@staff.test"
  const regularEmail = "desmond.achterberg@staff.test"
  let adminId = ""
  let adminToken = ""
  let regularId = ""
  let regularToken = ""
  let generated = ""

  beforeAll(async () => {
    h = await makeScenarioHarness()
  })
  afterAll(() => h?.close())

  it("bootstraps the tenant: its first Admin gets a generated password and must change it at first login", async () => {
    const created = await createTenant(h, {
      slug,
      name: "Weevio Staff",
      preset: "weevio",
      admin: { email: adminEmail, firstName: "Margaret", lastName: "Holloway" }
    })
    adminId = created.admin.id
    expect(created.admin).toMatchObject({ role: "Admin", status: "active", mustChangePassword: true })
    expect(created.generatedPassword).toMatch(/^.{8}$/u)
    const first = await loggedIn(login(h, slug, adminEmail, created.generatedPassword))
    expect(first.scope).toBe("password_change")
    const changed = await request(h, "POST", "/v1/me/password", {
      token: first.token,
      body: { currentPassword: created.generatedPassword, newPassword: ADMIN_PASSWORD }
    })
    expect(changed.statusCode).toBe(204)
    const full = await loggedIn(login(h, slug, adminEmail, ADMIN_PASSWORD))
    expect(full.scope).toBe("full")
    adminToken = full.token
  })

  it("has two staff roles, Admin and Regular: Admin holds user management, Regular only modules", async () => {
    const roles = json(await request(h, "GET", "/v1/roles", { token: adminToken }))
    const staff = roles.items.filter((r: { scope: string }) => r.scope === "tenant")
    const byName = new Map(staff.map((r: { name: string }) => [r.name, r]))
    expect([...byName.keys()]).toEqual(expect.arrayContaining(["Admin", "Regular"]))
    const admin = byName.get("Admin") as { permissions: ReadonlyArray<string> }
    const regular = byName.get("Regular") as { permissions: ReadonlyArray<string> }
    expect(admin.permissions).toEqual(
      expect.arrayContaining(["users:read", "users:write", "users:delete", "users:roles", "settings:manage"])
    )
    expect(regular.permissions.some((p) => p.startsWith("users:"))).toBe(false)
    const me = json(await request(h, "GET", "/v1/me", { token: adminToken }))
    expect(me).toMatchObject({ id: adminId, role: "Admin", mustChangePassword: false })
  })

  it("shows the password rules one by one and ticks them live as a password is typed", async () => {
    const policy = json(await request(h, "GET", "/v1/password-policy", { token: adminToken }))
    expect(policy).toMatchObject({
      preset: "product",
      minLength: 8,
      requireLowercase: true,
      requireUppercase: true,
      requireDigit: true,
      requireSymbol: false,
      generatedLength: 8
    })
    const check = async (password: string) => {
      const response = await request(h, "POST", "/v1/password-policy/check", {
        token: adminToken,
        body: { password }
      })
      expect(response.statusCode).toBe(200)
      return json(response) as { ok: boolean; results: ReadonlyArray<RuleResult> }
    }
    // The check-marks while "kLq7vWzp" is typed: each keystroke asks again, every rule answers separately.
    const typed = [
      ["k", { minLength: false, requireLowercase: true, requireUppercase: false, requireDigit: false }],
      ["kL", { minLength: false, requireLowercase: true, requireUppercase: true, requireDigit: false }],
      ["kLq7", { minLength: false, requireLowercase: true, requireUppercase: true, requireDigit: true }],
      ["kLq7vWzp", { minLength: true, requireLowercase: true, requireUppercase: true, requireDigit: true }]
    ] as const
    for (const [password, expected] of typed) {
      const result = await check(password)
      expect(result.results.map((r) => r.rule)).toEqual(PRODUCT_RULES)
      expect(verdicts(result.results)).toMatchObject({ ...expected, maxLength: true, noContextWords: true })
      expect(result.ok).toBe(Object.values(expected).every(Boolean))
    }
    const messages = Object.fromEntries((await check("k")).results.map((r) => [r.rule, r.message]))
    expect(messages).toMatchObject({
      minLength: "At least 8 characters",
      requireLowercase: "A lower-case letter",
      requireUppercase: "An upper-case letter",
      requireDigit: "A digit",
      notCommon: "Not a commonly used password"
    })
    // A common password and the admin's own name fail their own rules, whatever else they satisfy.
    expect(verdicts((await check("Password1")).results)).toMatchObject({ minLength: true, notCommon: false })
    expect(verdicts((await check("Holloway2026")).results)).toMatchObject({ noContextWords: false })
  })

  it("creates a Regular user with the generator: 8 characters meeting every rule, shown once", async () => {
    const weak = await request(h, "POST", "/v1/users", {
      token: adminToken,
      body: {
        email: regularEmail,
        firstName: "Desmond",
        lastName: "Achterberg",
        role: "Regular",
        password: "short1"
      }
    })
    const refused = problem(weak)
    expect(refused).toMatchObject({ status: 422, code: "PASSWORD_POLICY" })
    expect(refused.rules.map((r: RuleResult) => r.rule)).toEqual(
      expect.arrayContaining(["minLength", "requireUppercase"])
    )
    const created = await request(h, "POST", "/v1/users", {
      token: adminToken,
      body: {
        email: regularEmail,
        firstName: "Desmond",
        lastName: "Achterberg",
        role: "Regular",
        generatePassword: true
      }
    })
    expect(created.statusCode).toBe(201)
    const body = json(created)
    generated = body.generatedPassword
    regularId = body.user.id
    expect(body.user).toMatchObject({ role: "Regular", status: "active", mustChangePassword: true })
    expect([...generated]).toHaveLength(8)
    expect(generated).toMatch(/\p{Ll}/u)
    expect(generated).toMatch(/\p{Lu}/u)
    expect(generated).toMatch(/\p{Nd}/u)
    // shown once: the user's record never carries it
    const read = await request(h, "GET", `/v1/users/${regularId}`, { token: adminToken })
    expect(read.body).not.toContain(generated)
    // The generator meets the rules every time, not by luck: more of them, each checked by the policy.
    for (const n of [1, 2, 3]) {
      const more = json(
        await request(h, "POST", "/v1/users", {
          token: adminToken,
          body: {
            email: `generated${n}@staff.test`,
            firstName: "Gene",
            lastName: "Rator",
            role: "Regular",
            generatePassword: true
          }
        })
      )
      expect([...more.generatedPassword]).toHaveLength(8)
      const checked = json(
        await request(h, "POST", "/v1/password-policy/check", {
          token: adminToken,
          body: { password: more.generatedPassword }
        })
      )
      const failing = checked.results.filter((r: RuleResult) => !r.passed && r.rule !== "noContextWords")
      expect(failing).toEqual([])
    }
  })

  it("forces the change at first login: the password_change session reaches only its routes, then a full one", async () => {
    const first = await loggedIn(login(h, slug, regularEmail, generated))
    expect(first.scope).toBe("password_change")
    const restricted = first.token
    const me = await request(h, "GET", "/v1/me", { token: restricted })
    expect([me.statusCode, json(me).mustChangePassword]).toEqual([200, true])
    expect((await request(h, "GET", "/v1/password-policy", { token: restricted })).statusCode).toBe(200)
    const live = await request(h, "POST", "/v1/password-policy/check", {
      token: restricted,
      body: { password: REGULAR_PASSWORD }
    })
    expect(json(live).ok).toBe(true)
    const elsewhere = [
      ["GET", `/v1/users/${regularId}`],
      ["GET", "/v1/me/external-credentials/pims"],
      ["POST", "/v1/me/mfa/totp"],
      ["GET", "/v1/organizations"]
    ] as const
    for (const [method, url] of elsewhere) {
      expect(problem(await request(h, method, url, { token: restricted }))).toMatchObject({
        status: 403,
        code: "FORBIDDEN"
      })
    }
    const patched = await request(h, "PATCH", "/v1/me", { token: restricted, body: { language: "de" } })
    expect(patched.statusCode).toBe(403)
    const wrongCurrent = await request(h, "POST", "/v1/me/password", {
      token: restricted,
      body: { currentPassword: "Not-the-one-1", newPassword: REGULAR_PASSWORD }
    })
    expect(problem(wrongCurrent)).toMatchObject({ status: 422, code: "INVALID_CURRENT_PASSWORD" })
    const weak = await request(h, "POST", "/v1/me/password", {
      token: restricted,
      body: { currentPassword: generated, newPassword: "desmond1" }
    })
    expect(problem(weak)).toMatchObject({ status: 422, code: "PASSWORD_POLICY" })
    const changed = await request(h, "POST", "/v1/me/password", {
      token: restricted,
      body: { currentPassword: generated, newPassword: REGULAR_PASSWORD }
    })
    expect(changed.statusCode).toBe(204)
    expect(problem(await request(h, "GET", "/v1/me", { token: restricted }))).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED"
    })
    expect(problem(await login(h, slug, regularEmail, generated))).toMatchObject({
      status: 401,
      code: "INVALID_CREDENTIALS"
    })
    const full = await loggedIn(login(h, slug, regularEmail, REGULAR_PASSWORD))
    expect(full.scope).toBe("full")
    regularToken = full.token
    expect(json(await request(h, "GET", "/v1/me", { token: regularToken })).mustChangePassword).toBe(false)
  })

  it("redirects a Regular user to their own profile: 403 on the user list, 200 on /v1/me", async () => {
    expect(problem(await request(h, "GET", "/v1/users", { token: regularToken }))).toMatchObject({
      status: 403,
      code: "FORBIDDEN"
    })
    expect((await request(h, "GET", `/v1/users/${adminId}`, { token: regularToken })).statusCode).toBe(403)
    const me = await request(h, "GET", "/v1/me", { token: regularToken })
    expect(me.statusCode).toBe(200)
    expect(json(me)).toMatchObject({ id: regularId, email: regularEmail, role: "Regular" })
    expect(json(me).permissions.every((p: string) => p.startsWith("module:"))).toBe(true)
    // their own record reads and edits like a profile (never their role, status or email)
    expect((await request(h, "GET", `/v1/users/${regularId}`, { token: regularToken })).statusCode).toBe(200)
    const edited = await request(h, "PATCH", "/v1/me", {
      token: regularToken,
      body: { phone: "+4915112345678", language: "de" }
    })
    expect(json(edited)).toMatchObject({ phone: "+4915112345678", language: "de" })
    expect(
      (await request(h, "PATCH", "/v1/me", { token: regularToken, body: { role: "Admin" } })).statusCode
    ).toBe(400)
  })

  it("lets the Admin promote and demote staff, but nobody changes their own role", async () => {
    const listed = json(
      await request(h, "GET", "/v1/users", { token: adminToken, query: { role: "Regular" } })
    )
    expect(listed.items.map((u: { id: string }) => u.id)).toContain(regularId)
    expect(listed.items.every((u: { role: string }) => u.role === "Regular")).toBe(true)
    const promoted = await request(h, "PUT", `/v1/users/${regularId}/role`, {
      token: adminToken,
      body: { role: "Admin" }
    })
    expect(json(promoted).role).toBe("Admin")
    // permissions are computed per request: the same session now reads the list
    expect((await request(h, "GET", "/v1/users", { token: regularToken })).statusCode).toBe(200)
    const own = await request(h, "PUT", `/v1/users/${adminId}/role`, {
      token: adminToken,
      body: { role: "Regular" }
    })
    expect(problem(own)).toMatchObject({ status: 403, code: "CANNOT_CHANGE_OWN_ROLE" })
    const demoted = await request(h, "PUT", `/v1/users/${regularId}/role`, {
      token: adminToken,
      body: { role: "Regular" }
    })
    expect(json(demoted).role).toBe("Regular")
    expect((await request(h, "GET", "/v1/users", { token: regularToken })).statusCode).toBe(403)
  })

  it("stops Orders and SROs and the home dashboard, naming the reason, until the Regular user signs in to PIMS", async () => {
    const pimsAccess = (feature: string) =>
      request(h, "GET", PIMS_ACCESS, { token: regularToken, query: { feature } })
    expect(problem(await pimsAccess("orders"))).toMatchObject({
      status: 409,
      code: "EXTERNAL_CREDENTIALS_REQUIRED",
      detail: ORDERS_NEED_PIMS
    })
    expect(problem(await pimsAccess("dashboard")).detail).toBe(
      "To access the home dashboard, sign in to PIMS."
    )
    expect(problem(await pimsAccess("reports"))).toMatchObject({ status: 400, code: "VALIDATION" })
  })

  it("stores PIMS credentials, validates them through the verifier, and shows admins presence and status only", async () => {
    const pims = (body?: Record<string, unknown>) =>
      request(h, body === undefined ? "GET" : "PUT", "/v1/me/external-credentials/pims", {
        token: regularToken,
        ...(body === undefined ? {} : { body })
      })
    expect(json(await pims())).toMatchObject({ system: "pims", present: false, status: null, locked: false })
    expect(json(await pims({ username: "dachterberg", password: "pims-first-secret" }))).toEqual({
      status: "saved"
    })
    // validation needs the tenant's verify URL
    expect(problem(await pims({ username: "dachterberg", password: "x", validate: true }))).toMatchObject({
      status: 409,
      code: "VERIFIER_NOT_CONFIGURED"
    })
    // the platform operator says where (issue 12, item 4); the admin reads it
    const set = await request(h, "PUT", `/v1/tenants/${slug}/external-credentials/pims`, {
      token: PLATFORM_TOKEN,
      body: { verifyUrl: "https://pims.staff.test/verify" }
    })
    expect(set.statusCode).toBe(200)
    const settings = await request(h, "GET", "/v1/settings/external-credentials/pims", { token: adminToken })
    expect(json(settings)).toEqual({
      system: "pims",
      verifyUrl: "https://pims.staff.test/verify",
      defaultCredentials: null
    })
    // the PIMS login check accepts exactly one username and password
    const pimsAccepts = memory.CredentialsVerifier.accepting("dachterberg", "pims-right-secret")
    await h.verifier.answer(pimsAccepts)
    const refused = problem(await pims({ username: "dachterberg", password: "wrong-pims", validate: true }))
    expect(refused).toMatchObject({ status: 422, code: "CREDENTIALS_INVALID" })
    await h.verifier.answer("unavailable")
    expect(
      problem(await pims({ username: "dachterberg", password: "pims-2", validate: true }))
    ).toMatchObject({
      status: 502,
      code: "VERIFIER_UNAVAILABLE"
    })
    // refused or unanswered, nothing was stored: the earlier credentials stand
    expect(json(await pims())).toMatchObject({ present: true, username: "dachterberg", status: "saved" })
    await h.verifier.answer(pimsAccepts)
    expect(
      json(await pims({ username: "dachterberg", password: "pims-right-secret", validate: true }))
    ).toEqual({
      status: "connected"
    })
    const asked = await h.verifier.received()
    expect(asked.at(-1)).toMatchObject({
      system: "pims",
      url: "https://pims.staff.test/verify",
      username: "dachterberg"
    })
    const mine = await pims()
    expect(json(mine)).toMatchObject({
      present: true,
      username: "dachterberg",
      status: "connected",
      message: null
    })
    expect(mine.body).not.toContain("pims-right-secret")

    const { user } = await readUser(h, adminToken, regularId)
    expect(user.externalCredentials).toEqual([
      { system: "pims", present: true, username: "dachterberg", status: "connected" }
    ])
    const summary = await request(h, "GET", `/v1/users/${regularId}/external-credentials/pims`, {
      token: adminToken
    })
    expect(json(summary)).toMatchObject({ system: "pims", present: true, status: "connected" })
    expect(summary.body).not.toContain("pims-right-secret")
    // only the owner writes them: the admin's PUT is the admin's own credentials, never the user's
    expect(
      (await request(h, "GET", `/v1/users/${adminId}/external-credentials/pims`, { token: regularToken }))
        .statusCode
    ).toBe(403)
  })

  it("locks every user's PIMS fields with the exact message while the tenant's default credentials are set", async () => {
    const set = await request(h, "PUT", "/v1/settings/external-credentials/pims", {
      token: adminToken,
      body: { defaultCredentials: { username: "weevio-shared", password: "shared-pims-secret" } }
    })
    expect(json(set)).toMatchObject({ defaultCredentials: { username: "weevio-shared" } })
    expect(set.body).not.toContain("shared-pims-secret")
    const mine = json(await request(h, "GET", "/v1/me/external-credentials/pims", { token: regularToken }))
    expect(mine).toMatchObject({ locked: true, message: DEFAULT_PIMS_MESSAGE })
    const locked = problem(
      await request(h, "PUT", "/v1/me/external-credentials/pims", {
        token: regularToken,
        body: { username: "someone-else", password: "another" }
      })
    )
    expect(locked).toMatchObject({ status: 409, code: "CREDENTIALS_LOCKED", detail: DEFAULT_PIMS_MESSAGE })
    // the admin's own fields are locked the same way
    const adminOwn = json(await request(h, "GET", "/v1/me/external-credentials/pims", { token: adminToken }))
    expect(adminOwn).toMatchObject({ locked: true, message: DEFAULT_PIMS_MESSAGE })

    await request(h, "PUT", "/v1/settings/external-credentials/pims", {
      token: adminToken,
      body: { defaultCredentials: null }
    })
    const unlocked = json(
      await request(h, "GET", "/v1/me/external-credentials/pims", { token: regularToken })
    )
    expect(unlocked).toMatchObject({
      locked: false,
      message: null,
      username: "dachterberg",
      status: "connected"
    })
  })

  it("opens Orders and SROs with the PIMS login in use: the user's own, or the tenant's default while set", async () => {
    const ordersAccess = (token: string) =>
      request(h, "GET", PIMS_ACCESS, { token, query: { feature: "orders" } })
    // the Regular user saved (and connected) their own login above
    const own = await ordersAccess(regularToken)
    expect(own.statusCode).toBe(200)
    expect(json(own)).toEqual({ system: "pims", feature: "orders", source: "own", username: "dachterberg" })
    expect(own.body).not.toContain("pims-right-secret")

    await request(h, "PUT", "/v1/settings/external-credentials/pims", {
      token: adminToken,
      body: { defaultCredentials: { username: "weevio-shared", password: "shared-pims-secret" } }
    })
    // the tenant's default wins while set, for the Regular user and for the Admin, who has no login of their own
    for (const token of [regularToken, adminToken]) {
      const shared = await ordersAccess(token)
      expect(json(shared)).toEqual({
        system: "pims",
        feature: "orders",
        source: "tenantDefault",
        username: "weevio-shared"
      })
      expect(shared.body).not.toContain("shared-pims-secret")
    }

    await request(h, "PUT", "/v1/settings/external-credentials/pims", {
      token: adminToken,
      body: { defaultCredentials: null }
    })
    expect(json(await ordersAccess(regularToken))).toMatchObject({ source: "own", username: "dachterberg" })
    expect(problem(await ordersAccess(adminToken))).toMatchObject({
      status: 409,
      code: "EXTERNAL_CREDENTIALS_REQUIRED",
      detail: ORDERS_NEED_PIMS
    })
  })

  it("deletes a user: 204, then 404 and no login; the audit trail keeps the id", async () => {
    expect(problem(await request(h, "DELETE", `/v1/users/${adminId}`, { token: adminToken }))).toMatchObject({
      status: 403,
      code: "CANNOT_DELETE_SELF"
    })
    expect((await request(h, "DELETE", `/v1/users/${adminId}`, { token: regularToken })).statusCode).toBe(403)
    const deleted = await request(h, "DELETE", `/v1/users/${regularId}`, { token: adminToken })
    expect(deleted.statusCode).toBe(204)
    expect(problem(await request(h, "GET", `/v1/users/${regularId}`, { token: adminToken }))).toMatchObject({
      status: 404,
      code: "NOT_FOUND"
    })
    expect(problem(await request(h, "DELETE", `/v1/users/${regularId}`, { token: adminToken })).status).toBe(
      404
    )
    expect((await request(h, "GET", "/v1/me", { token: regularToken })).statusCode).toBe(401)
    expect(problem(await login(h, slug, regularEmail, REGULAR_PASSWORD))).toMatchObject({
      status: 401,
      code: "INVALID_CREDENTIALS"
    })
    const audit = json(
      await request(h, "GET", "/v1/audit-events", {
        token: adminToken,
        query: { target: regularId, limit: "100" }
      })
    )
    const actions = audit.items.map((e: { action: string }) => e.action)
    expect(actions).toEqual(expect.arrayContaining(["user.created", "user.role_changed", "user.deleted"]))
    const deletion = audit.items.find((e: { action: string }) => e.action === "user.deleted")
    expect(deletion).toMatchObject({ actorId: adminId, targetId: regularId })
    const trail = JSON.stringify(audit)
    for (const secret of [generated, REGULAR_PASSWORD, "pims-right-secret"])
      expect(trail).not.toContain(secret)
  })

  // The delete dialog's wording ("Are you sure you want to delete ...?") is the client's: the API has no text
  // for it. What the API guarantees behind the dialog is asserted above.
  it.todo("the delete dialog's message is client text: nothing in the v1 API carries it")
})
