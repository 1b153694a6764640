import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeScenarioHarness, type ScenarioHarness, STORE } from "./support/scenarioHarness.ts"
import {
  createTenant,
  json,
  lastSetupLinkTo,
  loggedIn,
  login,
  nextTotpCode,
  problem,
  readUser,
  request,
  setupTokenOf,
  totpCode
} from "./support/steps.ts"

const PASSWORD = "Tq8!Nebula-Crane-Vortex"
const HOUR = 3_600_000
const INVITATION_TTL = 72 * HOUR

interface Person {
  readonly id: string
  readonly email: string
  readonly secret: string
}

/**
 * The invite-only operator / contractor / client product (preset `weavestream`, NIST passwords, TOTP required
 * for every role) walked over HTTP on PostgreSQL: setup tokens (start, complete, reuse, expiry), TOTP enrolment
 * during setup and at login, operator and client memberships, a contractor's membership expiring as the clock
 * moves (the app's runtime reads a movable Clock: no job runs, the expiry applies when read), deactivation as a
 * soft delete with restore, and the last login. The steps build on each other, in order.
 */
describe(`invite users (weavestream) over HTTP on ${STORE}`, () => {
  let h: ScenarioHarness
  const slug = "weavestream-ops"
  let admin: Person
  let adminToken = ""
  let orgId = ""
  const people = new Map<string, Person>()

  /** Starts and completes setup from a link, enrolling the authenticator the setup hands out. */
  const completeSetup = async (link: string, displayName: string) => {
    const token = setupTokenOf(link)
    const started = json(await request(h, "POST", "/v1/setup/start", { body: { token } }))
    expect(started).toMatchObject({ requiresTotp: true, totp: { secret: expect.any(String) } })
    const secret: string = started.totp.secret
    const completed = await request(h, "POST", "/v1/setup/complete", {
      body: { token, displayName, password: PASSWORD, totpCode: await totpCode(h, secret) }
    })
    expect(completed.statusCode).toBe(200)
    return { body: json(completed), secret, started, token }
  }

  /** A full session with the password and the authenticator's next code (one TOTP step later in moved time). */
  const signIn = async (person: Person) =>
    (await loggedIn(login(h, slug, person.email, PASSWORD, await nextTotpCode(h, person.secret)))).token

  /** Invites a user of `role` through `POST /v1/users` and walks their setup. */
  const invite = async (email: string, role: string, firstName: string): Promise<Person> => {
    const created = await request(h, "POST", "/v1/users", {
      token: adminToken,
      body: { email, firstName, lastName: "Weave", role, invite: true }
    })
    expect(created.statusCode).toBe(201)
    const { secret } = await completeSetup(await lastSetupLinkTo(h, email), firstName)
    const person = { id: json(created).user.id, email, secret }
    people.set(email, person)
    return person
  }

  beforeAll(async () => {
    h = await makeScenarioHarness()
  })
  afterAll(() => h?.close())

  it("bootstraps the tenant with a setup link: its SUPER_ADMIN enrols TOTP during setup; the link works once", async () => {
    const created = await createTenant(h, {
      slug,
      name: "Weavestream Operations",
      preset: "weavestream",
      admin: { email: "sasha.super@weave.test", firstName: "Sasha", lastName: "Super" },
      invite: true
    })
    expect(created).not.toHaveProperty("generatedPassword")
    expect(created.admin).toMatchObject({ role: "SUPER_ADMIN", status: "pending", lastLoginAt: null })
    const token = setupTokenOf(created.setupUrl)
    const started = json(await request(h, "POST", "/v1/setup/start", { body: { token } }))
    expect(started).toMatchObject({
      email: "sasha.super@weave.test",
      tenant: { slug, name: "Weavestream Operations" },
      requiresTotp: true
    })
    expect(started.totp.otpauthUri).toContain(`secret=${started.totp.secret}`)
    const withoutCode = await request(h, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Sasha", password: PASSWORD }
    })
    expect(problem(withoutCode)).toMatchObject({ status: 400, code: "VALIDATION" })
    expect(problem(withoutCode).errors).toEqual([expect.objectContaining({ path: "totpCode" })])
    const code = await totpCode(h, started.totp.secret)
    const wrong = await request(h, "POST", "/v1/setup/complete", {
      body: {
        token,
        displayName: "Sasha",
        password: PASSWORD,
        totpCode: code === "000000" ? "111111" : "000000"
      }
    })
    expect(problem(wrong)).toMatchObject({ status: 422, code: "INVALID_TOTP_CODE" })
    const completed = await request(h, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Sasha", password: PASSWORD, totpCode: code }
    })
    expect(completed.statusCode).toBe(200)
    expect(json(completed).recoveryCodes).toHaveLength(10)
    const reused = await request(h, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Sasha", password: PASSWORD, totpCode: code }
    })
    expect(problem(reused)).toMatchObject({ status: 410, code: "TOKEN_USED" })
    expect(problem(await request(h, "POST", "/v1/setup/start", { body: { token } }))).toMatchObject({
      status: 410,
      code: "TOKEN_USED"
    })
    const unknown = await request(h, "POST", "/v1/setup/start", {
      body: { token: `${token.slice(0, -4)}AAAA` }
    })
    expect(problem(unknown)).toMatchObject({ status: 404, code: "TOKEN_INVALID" })
    admin = { id: created.admin.id, email: "sasha.super@weave.test", secret: started.totp.secret }
  })

  it("asks the SUPER_ADMIN for the second factor at every login (401 MFA_REQUIRED, then full)", async () => {
    expect(problem(await login(h, slug, admin.email, PASSWORD))).toMatchObject({
      status: 401,
      code: "MFA_REQUIRED"
    })
    adminToken = await signIn(admin)
    const me = json(await request(h, "GET", "/v1/me", { token: adminToken }))
    expect(me).toMatchObject({ id: admin.id, role: "SUPER_ADMIN", totpEnabled: true, status: "active" })
  })

  it("is invite-only: a typed or generated password is refused; an invitation makes a pending user", async () => {
    const base = {
      email: "otto.operator@weave.test",
      firstName: "Otto",
      lastName: "Operator",
      role: "OPERATOR"
    }
    for (const credential of [{ password: PASSWORD }, { generatePassword: true }]) {
      const refused = problem(
        await request(h, "POST", "/v1/users", { token: adminToken, body: { ...base, ...credential } })
      )
      expect(refused).toMatchObject({ status: 400, code: "VALIDATION" })
      expect(refused.errors).toEqual([
        { path: "credential", message: "This tenant creates users by invitation only" }
      ])
    }
    expect(
      json(await request(h, "GET", "/v1/users", { token: adminToken, query: { q: "otto" } })).total
    ).toBe(0)
    const invited = await request(h, "POST", "/v1/users", {
      token: adminToken,
      body: { ...base, invite: true }
    })
    expect(invited.statusCode).toBe(201)
    expect(json(invited).user).toMatchObject({ status: "pending", lastLoginAt: null, totpEnabled: false })
    expect(await lastSetupLinkTo(h, base.email)).toBe(json(invited).setupUrl)
  })

  it("expires a setup link after 72 hours (410 TOKEN_EXPIRED); a new link replaces it", async () => {
    const link = await lastSetupLinkTo(h, "otto.operator@weave.test")
    h.clock.advance(INVITATION_TTL + 60_000)
    const expired = await request(h, "POST", "/v1/setup/start", { body: { token: setupTokenOf(link) } })
    expect(problem(expired)).toMatchObject({ status: 410, code: "TOKEN_EXPIRED" })
    // three days later the admin's session has ended too (12 hours at most): they sign in again
    expect((await request(h, "GET", "/v1/me", { token: adminToken })).statusCode).toBe(401)
    adminToken = await signIn(admin)
    const otto = json(await request(h, "GET", "/v1/users", { token: adminToken, query: { q: "otto" } }))
      .items[0]
    expect(otto).toMatchObject({ email: "otto.operator@weave.test", status: "pending" })
    const renewed = json(await request(h, "POST", `/v1/users/${otto.id}/setup-link`, { token: adminToken }))
    // valid for another 72 hours from the moved clock's now
    const validFor = new Date(renewed.expiresAt).getTime() - h.clock.now()
    expect(validFor).toBeGreaterThan(INVITATION_TTL - 60_000)
    expect(validFor).toBeLessThanOrEqual(INVITATION_TTL)
    expect(await lastSetupLinkTo(h, "otto.operator@weave.test")).toBe(renewed.setupUrl)
    const { secret } = await completeSetup(renewed.setupUrl, "Otto")
    people.set("otto.operator@weave.test", { id: otto.id, email: "otto.operator@weave.test", secret })
  })

  it("sends a user whose authenticator was cleared through enrolment at login: that session reaches nothing else", async () => {
    const otto = people.get("otto.operator@weave.test")!
    const cleared = await request(h, "DELETE", `/v1/users/${otto.id}/mfa/totp`, { token: adminToken })
    expect(cleared.statusCode).toBeLessThan(300)
    const restricted = await loggedIn(login(h, slug, otto.email, PASSWORD))
    expect(restricted.scope).toBe("mfa_enrollment")
    expect((await request(h, "GET", "/v1/me", { token: restricted.token })).statusCode).toBe(200)
    for (const url of ["/v1/users", "/v1/organizations", `/v1/users/${otto.id}`]) {
      expect(problem(await request(h, "GET", url, { token: restricted.token }))).toMatchObject({
        status: 403,
        code: "FORBIDDEN"
      })
    }
    const enrolment = json(await request(h, "POST", "/v1/me/mfa/totp", { token: restricted.token }))
    const confirmed = await request(h, "POST", "/v1/me/mfa/totp/confirm", {
      token: restricted.token,
      body: { code: await totpCode(h, enrolment.secret) }
    })
    expect(confirmed.statusCode).toBe(200)
    expect(json(confirmed).recoveryCodes).toHaveLength(10)
    // a factor change ends every session, this one too: the next login asks for the new factor
    expect((await request(h, "GET", "/v1/me", { token: restricted.token })).statusCode).toBe(401)
    const renewed = { ...otto, secret: enrolment.secret }
    people.set(otto.email, renewed)
    expect(problem(await login(h, slug, otto.email, PASSWORD))).toMatchObject({ code: "MFA_REQUIRED" })
    const full = await loggedIn(login(h, slug, otto.email, PASSWORD, await nextTotpCode(h, renewed.secret)))
    expect(full.scope).toBe("full")
  })

  it("gives an operator and the client's people their memberships; a client admin manages only their own", async () => {
    const created = await request(h, "POST", "/v1/organizations", {
      token: adminToken,
      body: { name: "Globex Client" }
    })
    orgId = json(created).id
    const otto = people.get("otto.operator@weave.test")!
    const operator = await request(h, "POST", `/v1/organizations/${orgId}/members`, {
      token: adminToken,
      body: { email: otto.email, firstName: "Otto", lastName: "Operator", role: "OPERATOR_FULL" }
    })
    expect(json(operator)).toMatchObject({ created: false, membership: { role: "OPERATOR_FULL" } })
    // the client's admin is new to the tenant: a pending CLIENT_USER with a setup link
    const clientAdmin = await request(h, "POST", `/v1/organizations/${orgId}/members`, {
      token: adminToken,
      body: { email: "cleo.client@globex.test", firstName: "Cleo", lastName: "Client", role: "CLIENT_ADMIN" }
    })
    expect(json(clientAdmin)).toMatchObject({
      created: true,
      user: { role: "CLIENT_USER", status: "pending" },
      membership: { role: "CLIENT_ADMIN" }
    })
    const cleoSetup = await completeSetup(json(clientAdmin).setupUrl, "Cleo")
    const cleo = { id: json(clientAdmin).user.id, email: "cleo.client@globex.test", secret: cleoSetup.secret }
    people.set(cleo.email, cleo)
    const cleoToken = await signIn(cleo)
    const viewer = await request(h, "POST", `/v1/organizations/${orgId}/members`, {
      token: cleoToken,
      body: { email: "vic.viewer@globex.test", firstName: "Vic", lastName: "Viewer", role: "CLIENT_VIEWER" }
    })
    expect(viewer.statusCode).toBe(201)
    const vicSetup = await completeSetup(json(viewer).setupUrl, "Vic")
    const vic = { id: json(viewer).user.id, email: "vic.viewer@globex.test", secret: vicSetup.secret }
    people.set(vic.email, vic)
    const vicToken = await signIn(vic)
    expect((await request(h, "GET", `/v1/organizations/${orgId}`, { token: vicToken })).statusCode).toBe(200)
    expect(
      (await request(h, "GET", `/v1/organizations/${orgId}/members`, { token: vicToken })).statusCode
    ).toBe(403)
    const roster = json(await request(h, "GET", `/v1/organizations/${orgId}/members`, { token: cleoToken }))
    expect(
      roster.items.map((row: { user: { email: string }; membership: { role: string } }) => [
        row.user.email,
        row.membership.role
      ])
    ).toEqual(
      expect.arrayContaining([
        [otto.email, "OPERATOR_FULL"],
        [cleo.email, "CLIENT_ADMIN"],
        [vic.email, "CLIENT_VIEWER"]
      ])
    )
    // a client admin manages their own client only: another client's roster and members are closed to them
    const other = json(
      await request(h, "POST", "/v1/organizations", { token: adminToken, body: { name: "Initech Client" } })
    )
    expect(
      (await request(h, "GET", `/v1/organizations/${other.id}/members`, { token: cleoToken })).statusCode
    ).toBe(403)
    const intrude = await request(h, "POST", `/v1/organizations/${other.id}/members`, {
      token: cleoToken,
      body: { email: "ivan@initech.test", firstName: "Ivan", lastName: "Init", role: "CLIENT_VIEWER" }
    })
    expect(intrude.statusCode).toBe(403)
    // and the staff side stays closed to client people
    expect((await request(h, "GET", "/v1/users", { token: cleoToken })).statusCode).toBe(403)
    const me = json(await request(h, "GET", "/v1/me", { token: vicToken }))
    expect(me.memberships).toEqual([
      {
        organization: {
          id: orgId,
          name: "Globex Client",
          slug: "globex-client",
          companyName: null,
          taxId: null,
          status: "active",
          kind: "business"
        },
        role: "CLIENT_VIEWER",
        active: true,
        expiresAt: null,
        inEffect: true
      }
    ])
  })

  it("ends a contractor's membership at its expiry as the clock moves, with no job run; it can be extended", async () => {
    const carl = await invite("carl.contractor@weave.test", "CONTRACTOR", "Carl")
    const expiresAt = new Date(h.clock.now() + 30 * 60_000).toISOString()
    const past = await request(h, "POST", `/v1/organizations/${orgId}/members`, {
      token: adminToken,
      body: {
        email: carl.email,
        firstName: "Carl",
        lastName: "Weave",
        role: "OPERATOR_READONLY",
        expiresAt: new Date(h.clock.now() - 60_000).toISOString()
      }
    })
    expect(problem(past)).toMatchObject({ status: 400, code: "VALIDATION" })
    const added = await request(h, "POST", `/v1/organizations/${orgId}/members`, {
      token: adminToken,
      body: { email: carl.email, firstName: "Carl", lastName: "Weave", role: "OPERATOR_READONLY", expiresAt }
    })
    expect(json(added).membership).toMatchObject({ role: "OPERATOR_READONLY", expiresAt })
    const carlToken = await signIn(carl)
    expect(
      (await request(h, "GET", `/v1/organizations/${orgId}/members`, { token: carlToken })).statusCode
    ).toBe(200)
    expect(json(await request(h, "GET", "/v1/me", { token: carlToken })).memberships[0]).toMatchObject({
      expiresAt,
      inEffect: true
    })

    h.clock.advance(31 * 60_000)
    // the same session (still within its hour of inactivity): permissions are computed on this request
    expect((await request(h, "GET", "/v1/me", { token: carlToken })).statusCode).toBe(200)
    expect(json(await request(h, "GET", "/v1/me", { token: carlToken })).memberships[0]).toMatchObject({
      expiresAt,
      active: true,
      inEffect: false
    })
    expect(
      (await request(h, "GET", `/v1/organizations/${orgId}/members`, { token: carlToken })).statusCode
    ).toBe(403)
    expect(
      problem(await request(h, "GET", `/v1/organizations/${orgId}`, { token: carlToken }))
    ).toMatchObject({
      status: 403,
      code: "FORBIDDEN"
    })
    const roster = json(await request(h, "GET", `/v1/organizations/${orgId}/members`, { token: adminToken }))
    expect(roster.items.find((row: { user: { id: string } }) => row.user.id === carl.id)).toMatchObject({
      inEffect: false
    })
    const extended = new Date(h.clock.now() + 7 * 24 * HOUR).toISOString()
    const patched = await request(h, "PATCH", `/v1/organizations/${orgId}/members/${carl.id}`, {
      token: adminToken,
      body: { expiresAt: extended }
    })
    expect(json(patched).expiresAt).toBe(extended)
    expect(
      (await request(h, "GET", `/v1/organizations/${orgId}/members`, { token: carlToken })).statusCode
    ).toBe(200)
  })

  it("deactivates a user as a soft delete (no login, sessions ended, history kept) and restores them", async () => {
    const carl = people.get("carl.contractor@weave.test")!
    const carlToken = await signIn(carl)
    const deactivated = await request(h, "POST", `/v1/users/${carl.id}/deactivate`, { token: adminToken })
    expect(json(deactivated)).toMatchObject({ id: carl.id, status: "deactivated" })
    expect((await request(h, "GET", "/v1/me", { token: carlToken })).statusCode).toBe(401)
    expect(
      problem(await login(h, slug, carl.email, PASSWORD, await nextTotpCode(h, carl.secret)))
    ).toMatchObject({
      status: 401,
      code: "INVALID_CREDENTIALS"
    })
    const { user } = await readUser(h, adminToken, carl.id)
    expect(user).toMatchObject({ status: "deactivated", role: "CONTRACTOR" })
    expect(user.memberships).toEqual([expect.objectContaining({ role: "OPERATOR_READONLY" })])
    const listed = json(
      await request(h, "GET", "/v1/users", { token: adminToken, query: { status: "deactivated" } })
    )
    expect(listed.items.map((u: { id: string }) => u.id)).toEqual([carl.id])
    expect(
      problem(await request(h, "POST", `/v1/users/${admin.id}/deactivate`, { token: adminToken }))
    ).toMatchObject({
      status: 403,
      code: "CANNOT_DISABLE_SELF"
    })
    const audit = json(
      await request(h, "GET", "/v1/audit-events", {
        token: adminToken,
        query: { target: carl.id, limit: "100" }
      })
    )
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["user.deactivated", "membership.added"])
    )
    const restored = await request(h, "POST", `/v1/users/${carl.id}/restore`, { token: adminToken })
    expect(json(restored).status).toBe("active")
    expect(await signIn(carl)).toEqual(expect.any(String))
  })

  it("records the last login: null before the first one, then the instant of the latest", async () => {
    const pending = await request(h, "POST", "/v1/users", {
      token: adminToken,
      body: {
        email: "lena.late@weave.test",
        firstName: "Lena",
        lastName: "Late",
        role: "CLIENT_USER",
        invite: true
      }
    })
    expect(json(pending).user.lastLoginAt).toBeNull()
    const { secret } = await completeSetup(json(pending).setupUrl, "Lena")
    const lena = { id: json(pending).user.id, email: "lena.late@weave.test", secret }
    expect((await readUser(h, adminToken, lena.id)).user.lastLoginAt).toBeNull()
    const lastLogin = async () => {
      const before = h.clock.now()
      await signIn(lena)
      const after = h.clock.now()
      const at = new Date((await readUser(h, adminToken, lena.id)).user.lastLoginAt).getTime()
      // the instant of the login, read from the (moved) clock, not the machine's
      expect(at).toBeGreaterThanOrEqual(before)
      expect(at).toBeLessThanOrEqual(after)
      return at
    }
    const first = await lastLogin()
    h.clock.advance(5 * HOUR)
    adminToken = await signIn(admin)
    const second = await lastLogin()
    expect(second - first).toBeGreaterThanOrEqual(5 * HOUR)
    const listed = json(await request(h, "GET", "/v1/users", { token: adminToken, query: { q: "lena" } }))
    expect(new Date(listed.items[0].lastLoginAt).getTime()).toBe(second)
  })
})
