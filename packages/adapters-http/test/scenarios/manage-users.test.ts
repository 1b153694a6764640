import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeScenarioHarness, type ScenarioHarness, STORE } from "./support/scenarioHarness.ts"
import {
  createTenantSignedIn,
  json,
  loggedIn,
  login,
  nextTotpCode,
  patchUser,
  problem,
  readUser,
  request,
  totpCode
} from "./support/steps.ts"

const ADMIN_PASSWORD = "Tq8!Nebula-Crane-Vortex"
const USER_PASSWORD = "Zr4?Quartz-Heron-Mosaic"
const TEMPORARY_PASSWORD = "Hx3#Granite-Lantern-Fjord"

/**
 * The users panel shows three statuses; the domain keeps four. The mapping (DESIGN.md, "User status"): a user
 * who has not completed setup is NEW; an active user is ACTIVE; a disabled or deactivated user is INACTIVE
 * (both block login; deactivated is the soft delete, restorable).
 */
const DISPLAY_STATUS = {
  pending: "NEW",
  active: "ACTIVE",
  disabled: "INACTIVE",
  deactivated: "INACTIVE"
} as const
type DomainStatus = keyof typeof DISPLAY_STATUS

/**
 * The hosting control panel's users (preset `puqcloud`: Admin, Staff, Client User; clients are organizations
 * with Owner / Billing / Technical roles) walked over HTTP on PostgreSQL: users in several clients, the three
 * displayed statuses, the per-user 2FA toggle, verified flags only admins set, admin notes only admins see, and
 * search over name and email with its total. The steps build on each other, in order.
 */
describe(`manage users (puqcloud) over HTTP on ${STORE}`, () => {
  let h: ScenarioHarness
  const slug = "puq-panel"
  let adminToken = ""
  let adminId = ""
  const clients = new Map<string, string>() // name -> organization id
  const users = new Map<string, string>() // email -> id

  /** Creates a user with a temporary password, and has them replace it at their first login. */
  const createActive = async (body: Record<string, unknown>) => {
    const created = await request(h, "POST", "/v1/users", {
      token: adminToken,
      body: { ...body, password: TEMPORARY_PASSWORD }
    })
    expect(created.statusCode).toBe(201)
    const id: string = json(created).user.id
    const email = body.email as string
    users.set(email, id)
    const first = await loggedIn(login(h, slug, email, TEMPORARY_PASSWORD))
    expect(first.scope).toBe("password_change")
    await request(h, "POST", "/v1/me/password", {
      token: first.token,
      body: { currentPassword: TEMPORARY_PASSWORD, newPassword: USER_PASSWORD }
    })
    return { id, body: json(created) }
  }
  const search = async (query: Record<string, string>) => {
    const response = await request(h, "GET", "/v1/users", { token: adminToken, query })
    expect(response.statusCode).toBe(200)
    return json(response) as {
      items: ReadonlyArray<Record<string, unknown>>
      total: number
      nextCursor: string | null
    }
  }
  const emails = (page: { items: ReadonlyArray<Record<string, unknown>> }) =>
    page.items.map((u) => u.email as string)

  beforeAll(async () => {
    h = await makeScenarioHarness()
    const { created, token } = await createTenantSignedIn(h, ADMIN_PASSWORD, {
      slug,
      name: "PUQ Hosting",
      preset: "puqcloud",
      admin: { email: "ada.admin@puq.test", firstName: "Ada", lastName: "Admin" }
    })
    adminId = created.admin.id
    adminToken = token
  })
  afterAll(() => h?.close())

  it("creates a user with phone, language and admin notes, and puts them in several clients", async () => {
    for (const name of ["Alpha Hosting", "Beta Web", "Gamma Apps"]) {
      const created = await request(h, "POST", "/v1/organizations", { token: adminToken, body: { name } })
      expect(created.statusCode).toBe(201)
      clients.set(name, json(created).id)
    }
    const { id, body } = await createActive({
      email: "paula.partner@puq.test",
      firstName: "Paula",
      lastName: "Partner",
      role: "Client User",
      phone: "+33612345678",
      language: "fr",
      adminNotes: "Pays late; call before suspending."
    })
    expect(body.user).toMatchObject({
      phone: "+33612345678",
      language: "fr",
      adminNotes: "Pays late; call before suspending.",
      emailVerified: false,
      phoneVerified: false
    })
    for (const [client, role] of [
      ["Beta Web", "Billing"],
      ["Alpha Hosting", "Owner"]
    ] as const) {
      const added = await request(h, "POST", `/v1/organizations/${clients.get(client)}/members`, {
        token: adminToken,
        body: { email: "paula.partner@puq.test", firstName: "Paula", lastName: "Partner", role }
      })
      expect(json(added)).toMatchObject({ created: false, user: { id }, membership: { role } })
    }
    const { user } = await readUser(h, adminToken, id)
    expect(user.memberships).toEqual([
      {
        organization: {
          id: clients.get("Alpha Hosting"),
          name: "Alpha Hosting",
          slug: "alpha-hosting",
          companyName: null,
          taxId: null,
          status: "active",
          kind: "business"
        },
        role: "Owner",
        active: true,
        expiresAt: null,
        inEffect: true
      },
      {
        organization: {
          id: clients.get("Beta Web"),
          name: "Beta Web",
          slug: "beta-web",
          companyName: null,
          taxId: null,
          status: "active",
          kind: "business"
        },
        role: "Billing",
        active: true,
        expiresAt: null,
        inEffect: true
      }
    ])
    // per-client permissions: Owner manages Alpha's people, Billing does not manage Beta's
    const paula = await loggedIn(login(h, slug, "paula.partner@puq.test", USER_PASSWORD))
    expect(
      (
        await request(h, "GET", `/v1/organizations/${clients.get("Alpha Hosting")}/members`, {
          token: paula.token
        })
      ).statusCode
    ).toBe(200)
    expect(
      (
        await request(h, "GET", `/v1/organizations/${clients.get("Beta Web")}/members`, {
          token: paula.token
        })
      ).statusCode
    ).toBe(403)
    expect(
      (await request(h, "GET", `/v1/organizations/${clients.get("Gamma Apps")}`, { token: paula.token }))
        .statusCode
    ).toBe(403)
    const gamma = json(
      await request(h, "GET", `/v1/organizations/${clients.get("Gamma Apps")}/members`, { token: adminToken })
    )
    expect(gamma.total).toBe(0)
  })

  it("shows the statuses NEW, ACTIVE and INACTIVE, mapped from pending, active, disabled and deactivated", async () => {
    const invited = await request(h, "POST", "/v1/users", {
      token: adminToken,
      body: {
        email: "nico.new@puq.test",
        firstName: "Nico",
        lastName: "New",
        role: "Client User",
        invite: true
      }
    })
    users.set("nico.new@puq.test", json(invited).user.id)
    const disabled = await createActive({
      email: "ivy.idle@puq.test",
      firstName: "Ivy",
      lastName: "Idle",
      role: "Client User"
    })
    const gone = await createActive({
      email: "otis.old@puq.test",
      firstName: "Otis",
      lastName: "Old",
      role: "Client User"
    })
    expect(
      json(await request(h, "POST", `/v1/users/${disabled.id}/disable`, { token: adminToken })).status
    ).toBe("disabled")
    expect(
      json(await request(h, "POST", `/v1/users/${gone.id}/deactivate`, { token: adminToken })).status
    ).toBe("deactivated")

    const all = await search({ limit: "200" })
    const shown = Object.fromEntries(
      all.items.map((u) => [u.email, DISPLAY_STATUS[u.status as DomainStatus]])
    )
    expect(shown).toEqual({
      "ada.admin@puq.test": "ACTIVE",
      "paula.partner@puq.test": "ACTIVE",
      "nico.new@puq.test": "NEW",
      "ivy.idle@puq.test": "INACTIVE",
      "otis.old@puq.test": "INACTIVE"
    })
    // each tab of the panel is one status filter (INACTIVE is two of them)
    expect(emails(await search({ status: "pending" }))).toEqual(["nico.new@puq.test"])
    expect((await search({ status: "active" })).total).toBe(2)
    const inactive = [
      ...emails(await search({ status: "disabled" })),
      ...emails(await search({ status: "deactivated" }))
    ]
    expect(inactive.sort()).toEqual(["ivy.idle@puq.test", "otis.old@puq.test"])
    // INACTIVE means no login, whichever of the two
    for (const email of ["ivy.idle@puq.test", "otis.old@puq.test"]) {
      expect(problem(await login(h, slug, email, USER_PASSWORD))).toMatchObject({
        status: 401,
        code: "INVALID_CREDENTIALS"
      })
    }
    // and back to ACTIVE
    expect(
      json(await request(h, "POST", `/v1/users/${disabled.id}/enable`, { token: adminToken })).status
    ).toBe("active")
    expect((await loggedIn(login(h, slug, "ivy.idle@puq.test", USER_PASSWORD))).scope).toBe("full")
  })

  it("turns two-factor authentication on for one user (If-Match): their next login must enrol, then asks for a code", async () => {
    const paulaId = users.get("paula.partner@puq.test")!
    const { etag } = await readUser(h, adminToken, paulaId)
    expect(
      problem(
        await request(h, "PATCH", `/v1/users/${paulaId}`, { token: adminToken, body: { requireTotp: true } })
      )
    ).toMatchObject({
      status: 428,
      code: "PRECONDITION_REQUIRED"
    })
    const toggled = await request(h, "PATCH", `/v1/users/${paulaId}`, {
      token: adminToken,
      body: { requireTotp: true },
      headers: { "if-match": etag }
    })
    expect(json(toggled)).toMatchObject({ requireTotp: true, totpEnabled: false })
    const stale = await request(h, "PATCH", `/v1/users/${paulaId}`, {
      token: adminToken,
      body: { requireTotp: false },
      headers: { "if-match": etag }
    })
    expect(problem(stale)).toMatchObject({ status: 412, code: "VERSION_CONFLICT" })
    const restricted = await loggedIn(login(h, slug, "paula.partner@puq.test", USER_PASSWORD))
    expect(restricted.scope).toBe("mfa_enrollment")
    expect((await request(h, "GET", "/v1/organizations", { token: restricted.token })).statusCode).toBe(403)
    const enrolment = json(await request(h, "POST", "/v1/me/mfa/totp", { token: restricted.token }))
    const confirmed = await request(h, "POST", "/v1/me/mfa/totp/confirm", {
      token: restricted.token,
      body: { code: await totpCode(h, enrolment.secret) }
    })
    expect(confirmed.statusCode).toBe(200)
    expect(problem(await login(h, slug, "paula.partner@puq.test", USER_PASSWORD))).toMatchObject({
      status: 401,
      code: "MFA_REQUIRED"
    })
    const full = await loggedIn(
      login(h, slug, "paula.partner@puq.test", USER_PASSWORD, await nextTotpCode(h, enrolment.secret))
    )
    expect(full.scope).toBe("full")
    // toggled off, an enrolled authenticator stays until cleared; cleared, the password alone is enough again
    expect(json(await patchUser(h, adminToken, paulaId, { requireTotp: false }))).toMatchObject({
      requireTotp: false,
      totpEnabled: true
    })
    expect(problem(await login(h, slug, "paula.partner@puq.test", USER_PASSWORD))).toMatchObject({
      code: "MFA_REQUIRED"
    })
    expect(
      (await request(h, "DELETE", `/v1/users/${paulaId}/mfa/totp`, { token: adminToken })).statusCode
    ).toBeLessThan(300)
    expect((await loggedIn(login(h, slug, "paula.partner@puq.test", USER_PASSWORD))).scope).toBe("full")
  })

  it("lets only admins set the email and phone verified flags", async () => {
    const paulaId = users.get("paula.partner@puq.test")!
    const paula = await loggedIn(login(h, slug, "paula.partner@puq.test", USER_PASSWORD))
    for (const flag of [{ emailVerified: true }, { phoneVerified: true }]) {
      expect(problem(await request(h, "PATCH", "/v1/me", { token: paula.token, body: flag }))).toMatchObject({
        status: 400,
        code: "VALIDATION"
      })
      // not through their own record either
      expect((await patchUser(h, paula.token, paulaId, flag)).statusCode).toBe(403)
    }
    const verified = await patchUser(h, adminToken, paulaId, { emailVerified: true, phoneVerified: true })
    expect(json(verified)).toMatchObject({ emailVerified: true, phoneVerified: true })
    expect(json(await request(h, "GET", "/v1/me", { token: paula.token }))).toMatchObject({
      emailVerified: true,
      phoneVerified: true
    })
  })

  it("shows admin notes to admins only: never on /v1/me, at login, nor to Staff", async () => {
    const paulaId = users.get("paula.partner@puq.test")!
    const notes = "Pays late; call before suspending."
    expect((await readUser(h, adminToken, paulaId)).user.adminNotes).toBe(notes)
    expect((await search({ q: "paula" })).items[0]).toMatchObject({ adminNotes: notes })
    const paulaLogin = await login(h, slug, "paula.partner@puq.test", USER_PASSWORD)
    expect(json(paulaLogin).user).not.toHaveProperty("adminNotes")
    const paulaToken = json(paulaLogin).token
    const me = await request(h, "GET", "/v1/me", { token: paulaToken })
    expect(json(me)).not.toHaveProperty("adminNotes")
    expect(me.body).not.toContain("Pays late")
    const own = await request(h, "GET", `/v1/users/${paulaId}`, { token: paulaToken })
    expect(json(own)).not.toHaveProperty("adminNotes")

    const staff = await createActive({
      email: "sam.staff@puq.test",
      firstName: "Sam",
      lastName: "Staff",
      role: "Staff"
    })
    const staffToken = (await loggedIn(login(h, slug, "sam.staff@puq.test", USER_PASSWORD))).token
    const seen = await request(h, "GET", `/v1/users/${paulaId}`, { token: staffToken })
    expect(seen.statusCode).toBe(200)
    expect(json(seen)).not.toHaveProperty("adminNotes")
    const list = await request(h, "GET", "/v1/users", { token: staffToken, query: { q: "paula" } })
    expect(json(list).items[0]).not.toHaveProperty("adminNotes")
    expect(list.body).not.toContain("Pays late")
    expect((await patchUser(h, staffToken, paulaId, { adminNotes: "Staff note" })).statusCode).toBe(403)
    expect(staff.id).not.toBe(adminId)
  })

  it("searches by name and email (case-insensitive), with a total that counts the whole filter", async () => {
    for (const [first, last] of [
      ["Quentin", "Parker"],
      ["Rosa", "Parkes"],
      ["Parker", "Quill"]
    ] as const) {
      await request(h, "POST", "/v1/users", {
        token: adminToken,
        body: {
          email: `${first.toLowerCase()}.${last.toLowerCase()}@clients.test`,
          firstName: first,
          lastName: last,
          role: "Client User",
          invite: true
        }
      })
    }
    const park = await search({ q: "PARK" })
    expect(park.total).toBe(3)
    // default order by name: first name, then last name
    expect(park.items.map((u) => `${u.firstName} ${u.lastName}`)).toEqual([
      "Parker Quill",
      "Quentin Parker",
      "Rosa Parkes"
    ])
    expect(emails(await search({ q: "rosa.parkes@" }))).toEqual(["rosa.parkes@clients.test"])
    expect((await search({ q: "@clients.test" })).total).toBe(3)
    expect((await search({ q: "@puq.test", status: "active" })).total).toBe(4)
    expect((await search({ q: "nobody-matches-this" })).total).toBe(0)
    // page by page, the total stays the filter's
    const first = await search({ q: "park", limit: "2" })
    expect([first.items.length, first.total]).toEqual([2, 3])
    const second = await search({ q: "park", limit: "2", cursor: first.nextCursor! })
    expect([emails(second), second.total, second.nextCursor]).toEqual([["rosa.parkes@clients.test"], 3, null])
  })
})
