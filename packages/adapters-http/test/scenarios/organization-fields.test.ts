import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeScenarioHarness, type ScenarioHarness, STORE } from "./support/scenarioHarness.ts"
import { createTenant, json, loggedIn, login, problem, request } from "./support/steps.ts"

const OWNER_PASSWORD = "Tq8!Nebula-Crane-Vortex"
const PORTAL_PASSWORD = "Zr4?Quartz-Heron-Mosaic"
const FIRST_PASSWORD = "Vx7#Lumen-Falcon-Prism"

/**
 * Issue 13 item 2 over HTTP on PostgreSQL (PGlite without DATABASE_URL): 003's `/portal/<company-slug>` (a slug
 * generated from the name, unique in the tenant, fixed once the organization has members), 004's User Clients
 * (company name, tax ID, status with the member's role on GET /v1/users/{id} and /v1/me), an inactive
 * organization's memberships granting nothing, and 001's individual accounts without member management. The
 * steps build on each other, in order.
 */
describe(`organizations' slug, client fields, status and kind (issue 13 item 2) on ${STORE}`, () => {
  let h: ScenarioHarness
  const slug = "weevio-orgs"
  let admin = ""
  let portal = ""
  let portalUserId = ""
  // biome-ignore lint/suspicious/noExplicitAny: the scenario reads arbitrary JSON
  const orgs = new Map<string, any>()

  /** Logs in with a password an administrator set, changes it (weevio forces it), and logs in again. */
  const signIn = async (email: string, given: string, chosen: string) => {
    const first = await loggedIn(login(h, slug, email, given))
    if (first.scope === "full") return first.token
    const changed = await request(h, "POST", "/v1/me/password", {
      token: first.token,
      body: { currentPassword: given, newPassword: chosen }
    })
    expect(changed.statusCode).toBe(204)
    return (await loggedIn(login(h, slug, email, chosen))).token
  }
  const createOrg = (body: Record<string, unknown>) =>
    request(h, "POST", "/v1/organizations", { token: admin, body })
  const patchOrg = (id: string, body: Record<string, unknown>, token = admin) =>
    request(h, "PATCH", `/v1/organizations/${id}`, { token, body })
  const addMember = (orgId: string, email: string, role: string, token = admin) =>
    request(h, "POST", `/v1/organizations/${orgId}/members`, {
      token,
      body: { email, firstName: "Mo", lastName: "Member", role }
    })

  beforeAll(async () => {
    h = await makeScenarioHarness({ hasher: "fake" })
    const created = await createTenant(h, {
      slug,
      name: "Weevio Orgs",
      preset: "weevio",
      admin: { email: "ada@orgs.test", firstName: "Ada", lastName: "Admin" }
    })
    admin = await signIn("ada@orgs.test", created.generatedPassword, OWNER_PASSWORD)
  })
  afterAll(() => h?.close())

  it("creates with a slug from the name (-2 when taken), company name and tax ID; refuses a taken or bad slug", async () => {
    const first = await createOrg({
      name: "Northwind Traders",
      companyName: "Northwind Traders Ltd",
      taxId: "GB-123"
    })
    expect(first.statusCode).toBe(201)
    expect(json(first)).toMatchObject({
      slug: "northwind-traders",
      companyName: "Northwind Traders Ltd",
      taxId: "GB-123",
      status: "active",
      kind: "business"
    })
    orgs.set("northwind", json(first))
    const second = await createOrg({ name: "Northwind  traders!" })
    expect(json(second).slug).toBe("northwind-traders-2")
    orgs.set("northwind2", json(second))
    orgs.set("jane", json(await createOrg({ name: "Jane Doe", slug: "jane-doe", kind: "individual" })))

    expect(problem(await createOrg({ name: "Copy", slug: "northwind-traders" }))).toMatchObject({
      status: 409,
      code: "SLUG_TAKEN",
      errors: [{ path: "slug" }]
    })
    for (const body of [
      { name: "Bad", slug: "Bad Slug" },
      { name: "Bad", slug: "trailing-" },
      { name: "Bad", status: "paused" },
      { name: "Bad", kind: "person" },
      { name: "Bad", taxId: "line\nbreak" }
    ]) {
      expect(problem(await createOrg(body))).toMatchObject({ status: 400, code: "VALIDATION" })
    }
    const all = json(await request(h, "GET", "/v1/organizations", { token: admin, query: { limit: "200" } }))
    expect(all.total).toBe(3)
  })

  it("GET /v1/organizations/by-slug/{slug}: the tenant admin reads any; a member only their own", async () => {
    const northwind = orgs.get("northwind")
    const read = await request(h, "GET", "/v1/organizations/by-slug/northwind-traders", { token: admin })
    expect(read.statusCode).toBe(200)
    expect(json(read)).toEqual(northwind)
    expect(read.headers.etag).toBe(`W/"${northwind.version}"`)

    const user = await request(h, "POST", "/v1/users", {
      token: admin,
      body: {
        email: "paula@northwind.test",
        firstName: "Paula",
        lastName: "Portal",
        role: "Portal User",
        password: FIRST_PASSWORD
      }
    })
    expect(user.statusCode).toBe(201)
    portalUserId = json(user).user.id
    expect((await addMember(northwind.id, "paula@northwind.test", "Admin")).statusCode).toBe(201)
    portal = await signIn("paula@northwind.test", FIRST_PASSWORD, PORTAL_PASSWORD)

    expect(
      json(await request(h, "GET", "/v1/organizations/by-slug/northwind-traders", { token: portal })).id
    ).toBe(northwind.id)
    for (const other of ["northwind-traders-2", "jane-doe", "no-such-client"]) {
      expect(
        problem(await request(h, "GET", `/v1/organizations/by-slug/${other}`, { token: portal }))
      ).toMatchObject({
        status: 404,
        code: "NOT_FOUND"
      })
    }
    expect(
      problem(await request(h, "GET", "/v1/organizations/by-slug/Not_A_Slug", { token: admin }))
    ).toMatchObject({
      status: 400,
      code: "VALIDATION"
    })
  })

  it("the slug changes while nobody is a member, then is SLUG_IMMUTABLE (the same slug is no change)", async () => {
    const moved = await patchOrg(orgs.get("northwind2").id, { slug: "northwind-eu", taxId: "DE-9" })
    expect(moved.statusCode).toBe(200)
    expect(json(moved)).toMatchObject({ slug: "northwind-eu", taxId: "DE-9" })
    expect(problem(await patchOrg(orgs.get("northwind").id, { slug: "northwind" }))).toMatchObject({
      status: 409,
      code: "SLUG_IMMUTABLE"
    })
    expect(problem(await patchOrg(orgs.get("northwind").id, { slug: "northwind-eu" }))).toMatchObject({
      status: 409,
      code: "SLUG_IMMUTABLE"
    })
    expect(problem(await patchOrg(orgs.get("jane").id, { slug: "northwind-eu" }))).toMatchObject({
      status: 409,
      code: "SLUG_TAKEN"
    })
    const same = await patchOrg(orgs.get("northwind").id, {
      slug: "northwind-traders",
      companyName: "NW Ltd"
    })
    expect(json(same)).toMatchObject({ slug: "northwind-traders", companyName: "NW Ltd" })
  })

  it("GET /v1/users/{id} and GET /v1/me list each membership's organization with the member's role", async () => {
    const expected = {
      organization: {
        id: orgs.get("northwind").id,
        name: "Northwind Traders",
        slug: "northwind-traders",
        companyName: "NW Ltd",
        taxId: "GB-123",
        status: "active",
        kind: "business"
      },
      role: "Admin",
      active: true,
      inEffect: true
    }
    const user = json(await request(h, "GET", `/v1/users/${portalUserId}`, { token: admin }))
    expect(user.memberships).toMatchObject([expected])
    const me = json(await request(h, "GET", "/v1/me", { token: portal }))
    expect(me.memberships).toMatchObject([expected])
  })

  it("an inactive organization's memberships grant nothing until it is active again", async () => {
    const id = orgs.get("northwind").id
    expect((await request(h, "GET", `/v1/organizations/${id}/members`, { token: portal })).statusCode).toBe(
      200
    )
    expect(json(await patchOrg(id, { status: "inactive" })).status).toBe("inactive")
    for (const url of [
      `/v1/organizations/${id}`,
      `/v1/organizations/${id}/members`,
      "/v1/organizations/by-slug/northwind-traders"
    ]) {
      expect(problem(await request(h, "GET", url, { token: portal }))).toMatchObject({
        status: 403,
        code: "FORBIDDEN"
      })
    }
    expect(problem(await addMember(id, "new@northwind.test", "Limited", portal))).toMatchObject({
      status: 403
    })
    const me = json(await request(h, "GET", "/v1/me", { token: portal }))
    expect(me.memberships).toMatchObject([
      { organization: { status: "inactive" }, active: true, inEffect: false }
    ])

    expect(json(await patchOrg(id, { status: "active" })).status).toBe("active")
    expect((await request(h, "GET", `/v1/organizations/${id}/members`, { token: portal })).statusCode).toBe(
      200
    )
  })

  it("an individual account has no member management: INDIVIDUAL_ACCOUNT for its Admin, a tenant admin may", async () => {
    const id = orgs.get("northwind").id
    expect(json(await patchOrg(id, { kind: "individual" })).kind).toBe("individual")
    const colleague = await addMember(id, "colleague@northwind.test", "Limited", portal)
    expect(problem(colleague)).toMatchObject({ status: 409, code: "INDIVIDUAL_ACCOUNT" })
    // a user of the tenant who is not a portal user: 409 too, before USER_NOT_ADDABLE would be considered
    expect(problem(await addMember(id, "ada@orgs.test", "Limited", portal))).toMatchObject({
      code: "INDIVIDUAL_ACCOUNT"
    })
    const byAdmin = await addMember(id, "colleague@northwind.test", "Limited")
    expect(byAdmin.statusCode).toBe(201)
    const colleagueId = json(byAdmin).user.id
    expect(
      problem(
        await request(h, "PATCH", `/v1/organizations/${id}/members/${colleagueId}`, {
          token: portal,
          body: { role: "Admin" }
        })
      )
    ).toMatchObject({ code: "INDIVIDUAL_ACCOUNT" })
    expect(
      problem(await request(h, "DELETE", `/v1/organizations/${id}/members/${colleagueId}`, { token: portal }))
    ).toMatchObject({ code: "INDIVIDUAL_ACCOUNT" })
    expect(json(await patchOrg(id, { kind: "business" })).kind).toBe("business")
    expect(
      (await request(h, "DELETE", `/v1/organizations/${id}/members/${colleagueId}`, { token: portal }))
        .statusCode
    ).toBe(204)
  })
})
