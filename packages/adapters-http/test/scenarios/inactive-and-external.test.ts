import type { LightMyRequestResponse } from "fastify"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeScenarioHarness, type ScenarioHarness, STORE } from "./support/scenarioHarness.ts"
import {
  createTenantSignedIn,
  json,
  lastSetupLinkTo,
  loggedIn,
  login,
  mailsTo,
  patchUser,
  problem,
  readUser,
  request,
  setupTokenOf
} from "./support/steps.ts"

const OWNER_PASSWORD = "Tq8!Nebula-Crane-Vortex"
const PERSON_PASSWORD = "Zr4?Quartz-Heron-Mosaic"

/**
 * Issue 13 over HTTP on PostgreSQL (PGlite without DATABASE_URL): 002's "Active User" unchecked before setup
 * (create inactive, disable a pending user, their link refused until enabled, bulk and import alike), the
 * "Employees" and "External Users" tabs (`kind`), and LAST_ADMIN naming the organization's own admin role. The
 * steps build on each other, in order.
 */
describe(`inactive users before setup, external users, LAST_ADMIN's role (issue 13) on ${STORE}`, () => {
  let h: ScenarioHarness
  const slug = "wetrack-issue13"
  let owner = ""
  const ids = new Map<string, string>()

  const createUser = (body: Record<string, unknown>) =>
    request(h, "POST", "/v1/users", {
      token: owner,
      body: { firstName: "Ina", lastName: "Person", role: "General", ...body }
    })
  const listed = async (query: Record<string, string>) => {
    const response = await request(h, "GET", "/v1/users", { token: owner, query: { limit: "200", ...query } })
    expect(response.statusCode).toBe(200)
    const page = json(response)
    return { emails: page.items.map((u: { email: string }) => u.email).sort(), total: page.total }
  }
  const setupStep = (step: "start" | "complete", link: string): Promise<LightMyRequestResponse> =>
    request(h, "POST", `/v1/setup/${step}`, {
      body:
        step === "start"
          ? { token: setupTokenOf(link) }
          : { token: setupTokenOf(link), displayName: "Ina", password: PERSON_PASSWORD }
    })

  beforeAll(async () => {
    h = await makeScenarioHarness({ hasher: "fake" })
    owner = (
      await createTenantSignedIn(h, OWNER_PASSWORD, {
        slug,
        name: "WeTrack Issue 13",
        preset: "wetrack",
        admin: { email: "olivia@issue13.test", firstName: "Olivia", lastName: "Owner" }
      })
    ).token
  })
  afterAll(() => h?.close())

  it("a pending user disabled: the setup link is refused (start and complete change nothing) until enabled", async () => {
    const created = await createUser({ email: "pending@issue13.test", invite: true })
    expect(created.statusCode).toBe(201)
    const id = json(created).user.id
    ids.set("pending", id)
    const link = await lastSetupLinkTo(h, "pending@issue13.test")

    const disabled = await request(h, "POST", `/v1/users/${id}/disable`, { token: owner })
    expect(disabled.statusCode).toBe(200)
    expect(json(disabled)).toMatchObject({ status: "disabled", awaitingSetup: true })
    const before = await readUser(h, owner, id)
    for (const step of ["start", "complete"] as const) {
      expect(problem(await setupStep(step, link))).toMatchObject({ status: 404, code: "TOKEN_INVALID" })
    }
    const after = await readUser(h, owner, id)
    expect(after.etag).toBe(before.etag)
    expect(after.user).toEqual(before.user)

    const enabled = await request(h, "POST", `/v1/users/${id}/enable`, { token: owner })
    expect(json(enabled)).toMatchObject({ status: "pending", awaitingSetup: true })
    expect((await setupStep("start", link)).statusCode).toBe(200)
    expect((await setupStep("complete", link)).statusCode).toBe(200)
    expect((await readUser(h, owner, id)).user).toMatchObject({ status: "active", awaitingSetup: false })
    await loggedIn(login(h, slug, "pending@issue13.test", PERSON_PASSWORD))
  })

  it("creates inactive (active: false) and without sending the invitation (sendInvitation: false)", async () => {
    const inactive = await createUser({ email: "inactive@issue13.test", invite: true, active: false })
    expect(inactive.statusCode).toBe(201)
    expect(json(inactive).user).toMatchObject({ status: "disabled", awaitingSetup: true, kind: "employee" })
    const link = await lastSetupLinkTo(h, "inactive@issue13.test")
    expect(problem(await setupStep("start", link))).toMatchObject({ code: "TOKEN_INVALID" })
    const id = json(inactive).user.id
    expect(json(await request(h, "POST", `/v1/users/${id}/enable`, { token: owner })).status).toBe("pending")
    expect((await setupStep("start", link)).statusCode).toBe(200)

    const quiet = await createUser({ email: "quiet@issue13.test", invite: true, sendInvitation: false })
    expect(quiet.statusCode).toBe(201)
    expect(json(quiet)).not.toHaveProperty("setupUrl")
    expect(json(quiet).user.status).toBe("pending")
    expect(await mailsTo(h, "quiet@issue13.test")).toHaveLength(0)
    // "You will be able to send the invitation later"
    const sent = await request(h, "POST", `/v1/users/${json(quiet).user.id}/setup-link`, { token: owner })
    expect(sent.statusCode).toBe(200)
    expect(await mailsTo(h, "quiet@issue13.test")).toHaveLength(1)

    expect(
      problem(await createUser({ email: "pw@issue13.test", generatePassword: true, sendInvitation: true }))
    ).toMatchObject({ status: 400, code: "VALIDATION", errors: [{ path: "sendInvitation" }] })
    expect(
      problem(await createUser({ email: "bad@issue13.test", invite: true, active: "no" }))
    ).toMatchObject({
      status: 400,
      code: "VALIDATION"
    })
    expect((await listed({ q: "pw@issue13.test" })).total).toBe(0)
  })

  it("kind: set at creation and by an admin, filtered by GET /v1/users?kind=", async () => {
    const external = await createUser({ email: "contractor@issue13.test", invite: true, kind: "external" })
    expect(json(external).user.kind).toBe("external")
    const moved = await patchUser(h, owner, ids.get("pending")!, { kind: "external" })
    expect(moved.statusCode).toBe(200)
    expect(json(moved).kind).toBe("external")
    expect(await listed({ kind: "external" })).toEqual({
      emails: ["contractor@issue13.test", "pending@issue13.test"],
      total: 2
    })
    expect(await listed({ kind: "external", status: "pending" })).toEqual({
      emails: ["contractor@issue13.test"],
      total: 1
    })
    const employees = await listed({ kind: "employee" })
    expect(employees.emails).toContain("olivia@issue13.test")
    expect(employees.emails).not.toContain("contractor@issue13.test")
    expect(
      problem(await request(h, "GET", "/v1/users", { token: owner, query: { kind: "vendor" } }))
    ).toMatchObject({ status: 400, code: "VALIDATION" })
  })

  it("bulk disable takes pending users too; bulk enable returns them to pending", async () => {
    const created = await createUser({ email: "bulk@issue13.test", invite: true })
    const id = json(created).user.id
    const off = await request(h, "POST", "/v1/users/bulk", {
      token: owner,
      body: { action: "disable", ids: [id] }
    })
    expect(json(off).results).toEqual([{ id, ok: true }])
    expect((await readUser(h, owner, id)).user.status).toBe("disabled")
    const on = await request(h, "POST", "/v1/users/bulk", {
      token: owner,
      body: { action: "enable", ids: [id] }
    })
    expect(json(on).results).toEqual([{ id, ok: true }])
    expect((await readUser(h, owner, id)).user.status).toBe("pending")
  })

  it("the import's Active and Kind columns: inactive rows imported disabled and not invited; a bad cell fails its row", async () => {
    const csv = [
      "Email,First name,Last name,Role,Active,Kind",
      "imp.on@issue13.test,Ona,Import,General,yes,External",
      "imp.off@issue13.test,Off,Import,General,No,employee",
      "imp.plain@issue13.test,Pla,Import,General,,",
      "imp.bad@issue13.test,Bad,Import,General,maybe,vendor"
    ].join("\r\n")
    const response = await h.app.inject({
      method: "POST",
      url: "/v1/users/import",
      query: { mode: "partial" },
      headers: { "content-type": "text/csv; charset=utf-8", authorization: `Bearer ${owner}` },
      payload: csv
    })
    expect(response.statusCode).toBe(200)
    const report = json(response)
    expect(report).toMatchObject({ created: 3, failedRows: 1, emailsSent: 2 })
    expect(report.failed).toEqual([
      {
        row: 4,
        errors: [
          { path: "Active", message: expect.any(String) },
          { path: "Kind", message: expect.any(String) }
        ]
      }
    ])
    const byEmail = async (email: string) => {
      const page = json(await request(h, "GET", "/v1/users", { token: owner, query: { q: email } }))
      return page.items[0]
    }
    expect(await byEmail("imp.on@issue13.test")).toMatchObject({ status: "pending", kind: "external" })
    expect(await byEmail("imp.off@issue13.test")).toMatchObject({
      status: "disabled",
      kind: "employee",
      awaitingSetup: true
    })
    expect(await byEmail("imp.plain@issue13.test")).toMatchObject({ status: "pending", kind: "employee" })
    expect(await mailsTo(h, "imp.off@issue13.test")).toHaveLength(0)
    expect(await mailsTo(h, "imp.on@issue13.test")).toHaveLength(1)
    expect((await listed({ kind: "external", q: "imp." })).total).toBe(1)
  })

  it("LAST_ADMIN names the organization's admin role: a puqcloud client's only Owner", async () => {
    const admin = (
      await createTenantSignedIn(h, OWNER_PASSWORD, {
        slug: "puqcloud-issue13",
        name: "PUQcloud Issue 13",
        preset: "puqcloud",
        admin: { email: "pat@puq13.test", firstName: "Pat", lastName: "Admin" }
      })
    ).token
    const client = await request(h, "POST", "/v1/organizations", {
      token: admin,
      body: { name: "Client One" }
    })
    expect(client.statusCode).toBe(201)
    const orgId = json(client).id
    const added = await request(h, "POST", `/v1/organizations/${orgId}/members`, {
      token: admin,
      body: { email: "owner@client.test", firstName: "Oda", lastName: "Owner", role: "Owner" }
    })
    expect(added.statusCode).toBe(201)
    const link = json(added).setupUrl as string
    const completed = await request(h, "POST", "/v1/setup/complete", {
      body: { token: setupTokenOf(link), displayName: "Oda", password: PERSON_PASSWORD }
    })
    expect(completed.statusCode).toBe(200)
    const ownerId = json(added).user.id
    const refused = problem(await request(h, "DELETE", `/v1/users/${ownerId}`, { token: admin }))
    expect(refused).toMatchObject({
      status: 409,
      code: "LAST_ADMIN",
      scope: "organization",
      roles: ["Owner"],
      detail: "The organization must keep at least one active Owner."
    })
  })
})
