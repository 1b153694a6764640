import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  newUser,
  problem,
  type TenantAdmin,
  type TestUser
} from "./support/harness.ts"

const DAY = 86_400_000

interface Entry {
  readonly user: { readonly id: string; readonly firstName: string; readonly email: string }
  readonly organization: { readonly id: string; readonly name: string; readonly status: string }
  readonly role: string
  readonly expiresAt: string | null
  readonly inEffect: boolean
}

describe("GET /v1/memberships: every organization's memberships", () => {
  let h: Harness
  let admin: TenantAdmin
  let other: TenantAdmin
  let orgAdmin: TestUser
  let regular: TestUser
  const orgs: Record<string, string> = {}

  const post = (url: string, body: unknown, token = admin.token) => call(h.app, "POST", url, { token, body })
  const get = (query: Record<string, string> = {}, token = admin.token) =>
    call(h.app, "GET", "/v1/memberships", { token, query })
  const names = (body: { items: ReadonlyArray<Entry> }) =>
    body.items.map((i) => `${i.organization.name}/${i.user.firstName}`)

  beforeAll(async () => {
    h = await makeHarness()
    admin = await newTenant(h.app)
    other = await newTenant(h.app)
    for (const name of ["Contoso", "Fabrikam"])
      orgs[name] = json(await post("/v1/organizations", { name })).id
    const add = async (org: string, firstName: string, role: string, days: number | null, email?: string) => {
      const added = await post(`/v1/organizations/${orgs[org]}/members`, {
        email: email ?? `${firstName.toLowerCase()}.${org.toLowerCase()}@contractors.test`,
        firstName,
        lastName: "Contractor",
        role,
        ...(days === null ? {} : { expiresAt: new Date(Date.now() + days * DAY).toISOString() })
      })
      expect(added.statusCode).toBe(201)
    }
    await add("Contoso", "Cora", "Limited", 5)
    await add("Fabrikam", "Finn", "Limited", 2)
    await add("Fabrikam", "Flo", "Limited", 30)
    orgAdmin = await newUser(h.app, admin, { role: "Portal User", firstName: "Olga" })
    await add("Contoso", "Olga", "Admin", null, orgAdmin.email)
    regular = await newUser(h.app, admin, { role: "Regular" })
    // another tenant's contractor, due even sooner
    const theirs = json(await post("/v1/organizations", { name: "Elsewhere" }, other.token)).id
    const elsewhere = await post(
      `/v1/organizations/${theirs}/members`,
      {
        email: "cora.contoso@contractors.test",
        firstName: "Cora",
        lastName: "Contractor",
        role: "Limited",
        expiresAt: new Date(Date.now() + DAY).toISOString()
      },
      other.token
    )
    expect(elsewhere.statusCode).toBe(201)
  })
  afterAll(() => h.close())

  it("lists them by expiry, those without one last, with user, organization, role and inEffect", async () => {
    const response = await get()
    expect(response.statusCode).toBe(200)
    const body = json(response)
    expect(body.total).toBe(4)
    expect(body.nextCursor).toBeNull()
    expect(names(body)).toEqual(["Fabrikam/Finn", "Contoso/Cora", "Fabrikam/Flo", "Contoso/Olga"])
    const finn = body.items[0]
    expect(Object.keys(finn.user).sort()).toEqual(["displayName", "email", "firstName", "id", "lastName"])
    expect(finn.organization).toMatchObject({ id: orgs.Fabrikam, name: "Fabrikam", slug: "fabrikam" })
    expect(finn).toMatchObject({ role: "Limited", active: true, inEffect: true })
    expect(Date.parse(finn.expiresAt) - Date.now()).toBeGreaterThan(DAY)
    expect(body.items[3].expiresAt).toBeNull()
  })

  it("filters: expiring within 7 days, organization, role, user and q; pages with the cursor", async () => {
    const now = new Date().toISOString()
    const week = json(
      await get({ expiresAfter: now, expiresBefore: new Date(Date.now() + 7 * DAY).toISOString() })
    )
    expect(names(week)).toEqual(["Fabrikam/Finn", "Contoso/Cora"])
    expect(week.total).toBe(2)
    expect(names(json(await get({ organization: orgs.Contoso! })))).toEqual(["Contoso/Cora", "Contoso/Olga"])
    expect(names(json(await get({ role: "Admin" })))).toEqual(["Contoso/Olga"])
    expect(names(json(await get({ user: orgAdmin.id })))).toEqual(["Contoso/Olga"])
    expect(names(json(await get({ q: "FLO.FAB" })))).toEqual(["Fabrikam/Flo"])

    const first = json(await get({ limit: "3" }))
    expect(first.items).toHaveLength(3)
    expect(first.total).toBe(4)
    const second = json(await get({ limit: "3", cursor: first.nextCursor }))
    expect(names(second)).toEqual(["Contoso/Olga"])
    expect(second.nextCursor).toBeNull()
  })

  it("an inactive organization's memberships are listed with its status and grant nothing", async () => {
    const patched = await call(h.app, "PATCH", `/v1/organizations/${orgs.Fabrikam}`, {
      token: admin.token,
      body: { status: "inactive" }
    })
    expect(patched.statusCode).toBe(200)
    const fabrikam = json(await get({ organization: orgs.Fabrikam! }))
    expect(fabrikam.items.map((i: Entry) => [i.organization.status, i.inEffect])).toEqual([
      ["inactive", false],
      ["inactive", false]
    ])
    await call(h.app, "PATCH", `/v1/organizations/${orgs.Fabrikam}`, {
      token: admin.token,
      body: { status: "active" }
    })
  })

  it("another tenant's admin sees only their own tenant's membership", async () => {
    const theirs = json(await get({}, other.token))
    expect(names(theirs)).toEqual(["Elsewhere/Cora"])
    const mine = json(await get({ organization: orgs.Contoso! }, other.token))
    expect(mine).toEqual({ items: [], total: 0, nextCursor: null })
  })

  it("403 FORBIDDEN for staff without members permissions and for an organization's own Admin; 401 anonymous", async () => {
    for (const token of [regular.token, orgAdmin.token]) {
      expect(problem(await get({}, token))).toMatchObject({
        status: 403,
        code: "FORBIDDEN",
        contentType: expect.stringContaining("application/problem+json")
      })
    }
    const anonymous = await call(h.app, "GET", "/v1/memberships")
    expect(problem(anonymous)).toMatchObject({ status: 401, code: "UNAUTHENTICATED" })
  })

  it("bad query parameters are 400 VALIDATION problems naming the parameter, never a 500", async () => {
    const usersCursor = json(
      await call(h.app, "GET", "/v1/users", { token: admin.token, query: { limit: "1" } })
    ).nextCursor as string
    const cases: ReadonlyArray<readonly [Record<string, string>, string]> = [
      [{ limit: "0" }, "limit"],
      [{ limit: "201" }, "limit"],
      [{ limit: "ten" }, "limit"],
      [{ cursor: "%%%" }, "cursor"],
      [{ cursor: usersCursor }, "cursor"],
      [{ cursor: "eyJrZXkiOm51bGwsImlkIjoieCJ9" }, "cursor"],
      [{ organization: "not-a-uuid" }, "organization"],
      [{ user: "42" }, "user"],
      [{ expiresBefore: "next tuesday" }, "expiresBefore"],
      [{ expiresAfter: "2031-13-45T00:00:00Z" }, "expiresAfter"],
      [{ expiresAfter: "2031-01-02T00:00:00Z", expiresBefore: "2031-01-01T00:00:00Z" }, "expiresBefore"],
      [{ q: "a\u0000b" }, "q"],
      [{ q: "x".repeat(201) }, "q"],
      [{ role: "" }, "role"],
      [{ sort: "name" }, "sort"]
    ]
    for (const [query, path] of cases) {
      const response = await get(query)
      const body = problem(response)
      expect(body, JSON.stringify(query)).toMatchObject({
        status: 400,
        code: "VALIDATION",
        contentType: expect.stringContaining("application/problem+json")
      })
      expect(
        body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(query)
      ).toContain(path)
    }
  })
})
