import type { LightMyRequestResponse } from "fastify"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeScenarioHarness, type ScenarioHarness, STORE } from "./support/scenarioHarness.ts"
import {
  createTenantSignedIn,
  idsOf,
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
const EMPLOYEE_PASSWORD = "Zr4?Quartz-Heron-Mosaic"

/** The employees of the spreadsheet HR uploads: department and groups by name, groups split by ";". */
const IMPORTED = [
  ["ana.silva@wetrack.test", "Ana", "Silva", "General", "Warehouse", "Night Shift; Forklift Certified"],
  ["ben.okafor@wetrack.test", "Ben", "Okafor", "General", "Warehouse", "Night Shift"],
  ["chen.wu@wetrack.test", "Chen", "Wu", "General", "Engineering", ""],
  ["dara.kim@wetrack.test", "Dara", "Kim", "Admin", "Engineering", "Forklift Certified"]
] as const

const csv = (rows: ReadonlyArray<ReadonlyArray<string>>) =>
  ["Email,First name,Last name,Role,Department,Groups", ...rows.map((row) => row.join(","))].join("\r\n")

/**
 * The employee product (preset `wetrack`: Account Admin, User Admin, Admin, General) walked over HTTP on
 * PostgreSQL: departments, groups, module permissions, a CSV import with its invitation emails, bulk update,
 * bulk re-invite and bulk delete behind the typed-number confirmation, inactivation (deactivate) and restore.
 * The steps build on each other, in order.
 */
describe(`employees (wetrack) over HTTP on ${STORE}`, () => {
  let h: ScenarioHarness
  const slug = "wetrack-employees"
  let ownerToken = ""
  const departments = new Map<string, string>()
  const groups = new Map<string, string>()
  const ids = new Map<string, string>() // email -> id
  const firstLinks = new Map<string, string>() // email -> the import's setup link

  const importCsv = (
    body: string,
    query: Record<string, string> = {},
    token = ownerToken
  ): Promise<LightMyRequestResponse> =>
    h.app.inject({
      method: "POST",
      url: "/v1/users/import",
      query,
      headers: { "content-type": "text/csv; charset=utf-8", authorization: `Bearer ${token}` },
      payload: body
    })
  const bulk = (body: Record<string, unknown>, token = ownerToken) =>
    request(h, "POST", "/v1/users/bulk", { token, body })
  const listed = async (query: Record<string, string>) => {
    const response = await request(h, "GET", "/v1/users", {
      token: ownerToken,
      query: { limit: "200", ...query }
    })
    expect(response.statusCode).toBe(200)
    return json(response)
  }
  const emailsOf = (page: { items: ReadonlyArray<{ email: string }> }) =>
    page.items.map((u) => u.email).sort()

  beforeAll(async () => {
    h = await makeScenarioHarness()
  })
  afterAll(() => h?.close())

  it("bootstraps the account: its Account Admin, and the four roles of the product", async () => {
    const { created, token } = await createTenantSignedIn(h, OWNER_PASSWORD, {
      slug,
      name: "WeTrack Logistics",
      preset: "wetrack",
      admin: { email: "olivia.owner@wetrack.test", firstName: "Olivia", lastName: "Owner" }
    })
    expect(created.admin.role).toBe("Account Admin")
    // the product's policy generates 12 characters
    expect([...created.generatedPassword]).toHaveLength(12)
    ownerToken = token
    const roles = json(await request(h, "GET", "/v1/roles", { token: ownerToken }))
    expect(roles.items.map((r: { name: string }) => r.name).sort()).toEqual(
      ["Account Admin", "Admin", "General", "User Admin"].sort()
    )
  })

  it("creates departments and groups; names are unique (409 NAME_TAKEN) and can be renamed", async () => {
    for (const name of ["Warehouse", "Engineering", "Sales"]) {
      const created = await request(h, "POST", "/v1/departments", { token: ownerToken, body: { name } })
      expect(created.statusCode).toBe(201)
      departments.set(name, json(created).id)
    }
    expect(
      problem(await request(h, "POST", "/v1/departments", { token: ownerToken, body: { name: "warehouse" } }))
    ).toMatchObject({ status: 409, code: "NAME_TAKEN" })
    for (const name of ["Night Shift", "Forklift Certified"]) {
      const created = await request(h, "POST", "/v1/groups", {
        token: ownerToken,
        body: { name, description: `Everyone on ${name}` }
      })
      expect(created.statusCode).toBe(201)
      groups.set(name, json(created).id)
    }
    const renamed = await request(h, "PATCH", `/v1/departments/${departments.get("Sales")}`, {
      token: ownerToken,
      body: { name: "Sales & Support" }
    })
    expect(json(renamed).name).toBe("Sales & Support")
    const deptList = json(await request(h, "GET", "/v1/departments", { token: ownerToken }))
    expect(deptList.items.map((d: { name: string }) => d.name).sort()).toEqual([
      "Engineering",
      "Sales & Support",
      "Warehouse"
    ])
    expect(json(await request(h, "GET", "/v1/groups", { token: ownerToken })).total).toBe(2)
  })

  it("adds an employee with a department, groups and module permissions; the invitation email carries the link", async () => {
    const created = await request(h, "POST", "/v1/users", {
      token: ownerToken,
      body: {
        email: "gus.general@wetrack.test",
        firstName: "Gus",
        lastName: "General",
        role: "General",
        department: departments.get("Warehouse"),
        groups: [groups.get("Night Shift")],
        modulePermissions: ["module:timesheets", "module:scheduling"],
        invite: true
      }
    })
    expect(created.statusCode).toBe(201)
    const body = json(created)
    expect(body.user).toMatchObject({
      status: "pending",
      departmentId: departments.get("Warehouse"),
      groupIds: [groups.get("Night Shift")],
      modulePermissions: ["module:timesheets", "module:scheduling"]
    })
    ids.set("gus.general@wetrack.test", body.user.id)
    const [mail] = await mailsTo(h, "gus.general@wetrack.test")
    expect(mail?.subject).toContain("WeTrack Logistics")
    expect(mail?.text).toContain("Gus")
    expect(await lastSetupLinkTo(h, "gus.general@wetrack.test")).toBe(body.setupUrl)
    const token = setupTokenOf(body.setupUrl)
    expect(
      (
        await request(h, "POST", "/v1/setup/complete", {
          body: { token, displayName: "Gus", password: EMPLOYEE_PASSWORD }
        })
      ).statusCode
    ).toBe(200)
  })

  it("gives a General employee exactly their module permissions, changed by the admin on the next request", async () => {
    const gusId = ids.get("gus.general@wetrack.test")!
    const gus = await loggedIn(login(h, slug, "gus.general@wetrack.test", EMPLOYEE_PASSWORD))
    const me = json(await request(h, "GET", "/v1/me", { token: gus.token }))
    expect(me.permissions).toEqual(["module:scheduling", "module:timesheets"])
    expect((await request(h, "GET", "/v1/users", { token: gus.token })).statusCode).toBe(403)
    const patched = await patchUser(h, ownerToken, gusId, { modulePermissions: ["module:reports"] })
    expect(json(patched).modulePermissions).toEqual(["module:reports"])
    expect(json(await request(h, "GET", "/v1/me", { token: gus.token })).permissions).toEqual([
      "module:reports"
    ])
    // a group is managed from the group too
    const forklift = groups.get("Forklift Certified")!
    expect(
      (await request(h, "PUT", `/v1/groups/${forklift}/members/${gusId}`, { token: ownerToken })).statusCode
    ).toBeLessThan(300)
    const inGroup = await listed({ group: forklift })
    expect(inGroup.items.map((u: { id: string }) => u.id)).toEqual([gusId])
  })

  it("imports the employee spreadsheet: a dry run writes nothing, a bad row fails the whole file", async () => {
    const dry = await importCsv(csv(IMPORTED), { dryRun: "true" })
    expect(json(dry)).toMatchObject({ created: 4, failed: [], dryRun: true, emailsSent: 0 })
    expect((await listed({ q: "@wetrack.test", status: "pending" })).total).toBe(0)
    const bad = [...IMPORTED, ["eve.ng@wetrack.test", "Eve", "Ng", "General", "Marketing", ""]]
    const refused = problem(await importCsv(csv(bad)))
    expect(refused).toMatchObject({ status: 422, code: "IMPORT_FAILED", created: 0, failedRows: 1 })
    expect(refused.failed).toEqual([{ row: 5, errors: [expect.objectContaining({ path: "Department" })] }])
    expect((await listed({ status: "pending" })).total).toBe(0)
    expect((await h.outbox()).filter((mail) => mail.to.endsWith("@wetrack.test"))).toHaveLength(1) // Gus only
  })

  it("imports it for real: pending employees in their departments and groups, each invited by email", async () => {
    const imported = await importCsv(csv(IMPORTED))
    expect(imported.statusCode).toBe(200)
    expect(json(imported)).toMatchObject({
      created: 4,
      failed: [],
      dryRun: false,
      emailsSent: 4,
      emailsFailed: 0
    })
    const pending = await listed({ status: "pending" })
    expect(emailsOf(pending)).toEqual(IMPORTED.map((row) => row[0]).sort())
    for (const [email, , , role, department, groupCell] of IMPORTED) {
      const user = pending.items.find((u: { email: string }) => u.email === email)
      ids.set(email, user.id)
      const expectedGroups = groupCell
        .split(";")
        .map((name) => name.trim())
        .filter((name) => name !== "")
        .map((name) => groups.get(name))
      expect(user).toMatchObject({ role, departmentId: departments.get(department) })
      expect([...user.groupIds].sort()).toEqual([...expectedGroups].sort())
      const mails = await mailsTo(h, email)
      expect(mails).toHaveLength(1)
      firstLinks.set(email, await lastSetupLinkTo(h, email))
    }
    const warehouse = await listed({ department: departments.get("Warehouse")! })
    expect(emailsOf(warehouse)).toEqual([
      "ana.silva@wetrack.test",
      "ben.okafor@wetrack.test",
      "gus.general@wetrack.test"
    ])
  })

  it("updates many employees at once: a new department and module permissions, one outcome per row", async () => {
    const chosen = ["ana.silva@wetrack.test", "ben.okafor@wetrack.test"].map((email) => ids.get(email)!)
    const updated = await bulk({
      action: "update",
      ids: chosen,
      patch: { department: departments.get("Sales"), modulePermissions: ["module:orders"] }
    })
    expect(json(updated)).toEqual({ results: chosen.map((id) => ({ id, ok: true })) })
    for (const id of chosen) {
      const { user } = await readUser(h, ownerToken, id)
      expect(user).toMatchObject({
        departmentId: departments.get("Sales"),
        modulePermissions: ["module:orders"]
      })
    }
    // an Admin manages people but cannot hand out more than they hold
    const dara = ids.get("dara.kim@wetrack.test")!
    await request(h, "POST", `/v1/users/${dara}/setup-link`, { token: ownerToken })
    const token = setupTokenOf(await lastSetupLinkTo(h, "dara.kim@wetrack.test"))
    await request(h, "POST", "/v1/setup/complete", {
      body: { token, displayName: "Dara", password: EMPLOYEE_PASSWORD }
    })
    const daraSession = await loggedIn(login(h, slug, "dara.kim@wetrack.test", EMPLOYEE_PASSWORD))
    const escalation = await request(h, "POST", "/v1/users", {
      token: daraSession.token,
      body: {
        email: "x.admin@wetrack.test",
        firstName: "X",
        lastName: "Admin",
        role: "User Admin",
        invite: true
      }
    })
    expect(problem(escalation)).toMatchObject({ status: 403, code: "ROLE_ESCALATION" })
    expect((await bulk({ action: "delete", ids: chosen, confirm: 2 }, daraSession.token)).statusCode).toBe(
      403
    )
  })

  it("re-sends invitations in bulk: new links by email, the old ones stop working; an active user is refused", async () => {
    const pendingEmails = ["ana.silva@wetrack.test", "ben.okafor@wetrack.test", "chen.wu@wetrack.test"]
    const chosen = [...pendingEmails.map((email) => ids.get(email)!), ids.get("gus.general@wetrack.test")!]
    const invited = json(await bulk({ action: "invite", ids: chosen }))
    expect(invited.results).toEqual([
      ...pendingEmails.map((email) => ({ id: ids.get(email), ok: true, emailSent: true })),
      { id: ids.get("gus.general@wetrack.test"), ok: false, code: "USER_NOT_PENDING" }
    ])
    for (const email of pendingEmails) {
      expect(await mailsTo(h, email)).toHaveLength(2)
      const fresh = await lastSetupLinkTo(h, email)
      expect(fresh).not.toBe(firstLinks.get(email))
      const old = await request(h, "POST", "/v1/setup/start", {
        body: { token: setupTokenOf(firstLinks.get(email)!) }
      })
      expect(problem(old)).toMatchObject({ status: 404, code: "TOKEN_INVALID" })
      expect(
        (await request(h, "POST", "/v1/setup/start", { body: { token: setupTokenOf(fresh) } })).statusCode
      ).toBe(200)
    }
  })

  it("deletes in bulk only after the typed number matches the selection (CONFIRMATION_MISMATCH, then success)", async () => {
    const chosen = ["ben.okafor@wetrack.test", "chen.wu@wetrack.test"].map((email) => ids.get(email)!)
    for (const confirm of [undefined, 3, 1]) {
      const refused = problem(
        await bulk({ action: "delete", ids: chosen, ...(confirm === undefined ? {} : { confirm }) })
      )
      expect(refused).toMatchObject({ status: 422, code: "CONFIRMATION_MISMATCH", expected: 2 })
    }
    for (const id of chosen) {
      expect((await request(h, "GET", `/v1/users/${id}`, { token: ownerToken })).statusCode).toBe(200)
    }
    const deleted = json(await bulk({ action: "delete", ids: chosen, confirm: 2 }))
    expect(deleted.results).toEqual(chosen.map((id) => ({ id, ok: true })))
    for (const id of chosen) {
      expect(problem(await request(h, "GET", `/v1/users/${id}`, { token: ownerToken }))).toMatchObject({
        status: 404,
        code: "NOT_FOUND"
      })
    }
    const audit = json(
      await request(h, "GET", "/v1/audit-events", { token: ownerToken, query: { action: "user.deleted" } })
    )
    expect(audit.items.map((e: { targetId: string }) => e.targetId).sort()).toEqual([...chosen].sort())
  })

  it("inactivates an employee (login refused, sessions ended, listed as deactivated) and restores them", async () => {
    const gusId = ids.get("gus.general@wetrack.test")!
    const gus = await loggedIn(login(h, slug, "gus.general@wetrack.test", EMPLOYEE_PASSWORD))
    const deactivated = await request(h, "POST", `/v1/users/${gusId}/deactivate`, { token: ownerToken })
    expect(json(deactivated).status).toBe("deactivated")
    expect((await request(h, "GET", "/v1/me", { token: gus.token })).statusCode).toBe(401)
    expect(problem(await login(h, slug, "gus.general@wetrack.test", EMPLOYEE_PASSWORD))).toMatchObject({
      status: 401,
      code: "INVALID_CREDENTIALS"
    })
    expect(emailsOf(await listed({ status: "deactivated" }))).toEqual(["gus.general@wetrack.test"])
    // history kept: the record, department and groups stay for a restore
    const { user } = await readUser(h, ownerToken, gusId)
    expect(user).toMatchObject({ status: "deactivated", departmentId: departments.get("Warehouse") })
    expect(
      problem(await request(h, "POST", `/v1/users/${gusId}/deactivate`, { token: ownerToken }))
    ).toMatchObject({
      status: 409,
      code: "INVALID_STATUS_TRANSITION"
    })
    const restored = await request(h, "POST", `/v1/users/${gusId}/restore`, { token: ownerToken })
    expect(json(restored).status).toBe("active")
    expect((await loggedIn(login(h, slug, "gus.general@wetrack.test", EMPLOYEE_PASSWORD))).scope).toBe("full")
    // an employee who never finished setup goes back to pending (NEW)
    const ana = ids.get("ana.silva@wetrack.test")!
    await request(h, "POST", `/v1/users/${ana}/deactivate`, { token: ownerToken })
    expect(json(await request(h, "POST", `/v1/users/${ana}/restore`, { token: ownerToken })).status).toBe(
      "pending"
    )
    expect(
      idsOf(await request(h, "GET", "/v1/users", { token: ownerToken, query: { status: "deactivated" } }))
    ).toEqual([])
  })
})
