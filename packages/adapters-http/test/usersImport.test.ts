import type { LightMyRequestResponse } from "fastify"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  newUser,
  problem,
  type TenantAdmin
} from "./support/harness.ts"

let batches = 0

/** A CSV of `n` valid rows with emails unique to this call, and the emails. */
const csvOf = (n: number, header = "Email,First name,Last name,Role") => {
  const batch = ++batches
  const emails = Array.from({ length: n }, (_, i) => `imp${batch}-${i}@import.test`)
  return { emails, text: [header, ...emails.map((email) => `${email},Ima,Porter,Regular`)].join("\r\n") }
}

describe("POST /v1/users/import", () => {
  let h: Harness
  let admin: TenantAdmin

  const upload = (
    body: string,
    query: Record<string, string> = {},
    options: { readonly token?: string; readonly type?: string; readonly app?: Harness } = {}
  ): Promise<LightMyRequestResponse> =>
    (options.app ?? h).app.inject({
      method: "POST",
      url: "/v1/users/import",
      query,
      headers: {
        "content-type": options.type ?? "text/csv; charset=utf-8",
        authorization: `Bearer ${options.token ?? admin.token}`
      },
      payload: body
    })

  /** The users of the tenant whose email contains `q`, with the list's total. */
  const listed = async (q: string) =>
    json(await call(h.app, "GET", "/v1/users", { token: admin.token, query: { q, limit: "200" } }))

  beforeAll(async () => {
    h = await makeHarness()
    admin = await newTenant(h.app)
  })
  afterAll(() => h.close())

  it("imports a CSV: pending users with emailed setup links", async () => {
    const { text, emails } = csvOf(3)
    const response = await upload(text)
    expect(response.statusCode).toBe(200)
    expect(json(response)).toEqual({
      created: 3,
      updated: 0,
      failed: [],
      failedRows: 0,
      dryRun: false,
      emailsSent: 3,
      emailsFailed: 0
    })
    const users = await listed(`imp${batches}-`)
    expect(users.total).toBe(3)
    expect(users.items.map((u: { email: string }) => u.email).sort()).toEqual([...emails].sort())
    expect(users.items.every((u: { status: string }) => u.status === "pending")).toBe(true)
  })

  it("reports a dry run without writing anything", async () => {
    const { text } = csvOf(2)
    const response = await upload(text, { dryRun: "true" })
    expect(json(response)).toMatchObject({ created: 2, failed: [], dryRun: true, emailsSent: 0 })
    expect((await listed(`imp${batches}-`)).total).toBe(0)
  })

  it("mode=all (the default) writes nothing when a row fails: 422 IMPORT_FAILED with the report", async () => {
    const { text } = csvOf(2)
    const broken = `${text}\r\nnot-an-email,Bad,Row,Regular\r\nimp-x${batches}@import.test,Ann,Other,NoSuchRole`
    const response = await upload(broken)
    const body = problem(response)
    expect(body).toMatchObject({ status: 422, code: "IMPORT_FAILED", created: 0, updated: 0, failedRows: 2 })
    expect(body.failed.map((f: { row: number }) => f.row)).toEqual([3, 4])
    expect(body.failed[0].errors[0].path).toBe("Email")
    expect(body.failed[1].errors[0].path).toBe("Role")
    expect((await listed(`imp${batches}-`)).total).toBe(0)

    const dry = await upload(broken, { dryRun: "true", mode: "all" })
    expect(json(dry)).toMatchObject({ created: 0, failedRows: 2, dryRun: true })
  })

  it("mode=partial writes the valid rows and reports the others", async () => {
    const { text } = csvOf(2)
    const response = await upload(`${text}\r\nnot-an-email,Bad,Row,Regular`, { mode: "partial" })
    expect(response.statusCode).toBe(200)
    expect(json(response)).toMatchObject({ created: 2, failedRows: 1, failed: [{ row: 3 }] })
    expect((await listed(`imp${batches}-`)).total).toBe(2)
  })

  it("takes JSON {rows, mapping?} and a ';' delimited CSV", async () => {
    const batch = ++batches
    const rows = [
      { mail: `imp${batch}-a@import.test`, first: "Jay", last: "Son", role: "Regular", note: "ignored" },
      { mail: `imp${batch}-b@import.test`, first: "Jo", last: "Son", role: "Regular", note: "" }
    ]
    const mapping = { mail: "email", first: "firstName", last: "lastName", role: "role", note: null }
    const response = await call(h.app, "POST", "/v1/users/import", {
      token: admin.token,
      body: { rows, mapping }
    })
    expect([response.statusCode, json(response).created]).toEqual([200, 2])
    expect((await listed(`imp${batch}-`)).total).toBe(2)

    const semi = await upload(`email;firstName;lastName;role\r\nimp${batch}-c@import.test;Sam;Semi;Regular`, {
      delimiter: ";"
    })
    expect(json(semi).created).toBe(1)
  })

  it("answers a CSV it cannot read with 400 VALIDATION naming the line", async () => {
    const response = await upload('email,firstName,lastName,role\r\n"unterminated,Ann,Lee,Regular\r\n')
    const body = problem(response)
    expect(body).toMatchObject({ status: 400, code: "VALIDATION" })
    expect(body.errors[0].path).toBe("rows")
    expect(body.errors[0].message).toMatch(/CSV/)
    const ragged = problem(await upload("email,firstName\r\na@b.test,Ann,Extra\r\n"))
    expect(ragged.errors[0].message).toMatch(/line 2/)
  })

  it("refuses bad input: unknown query values, JSON without rows, other media types", async () => {
    expect(problem(await upload(csvOf(1).text, { mode: "some" }))).toMatchObject({
      status: 400,
      code: "VALIDATION"
    })
    const noRows = await call(h.app, "POST", "/v1/users/import", { token: admin.token, body: { users: [] } })
    expect(problem(noRows)).toMatchObject({ status: 400, code: "VALIDATION" })
    expect((await upload("a,b", {}, { type: "text/plain" })).statusCode).toBe(415)
  })

  it("needs users:write or users:invite (403) and a session (401)", async () => {
    const regular = await newUser(h.app, admin)
    const { text } = csvOf(1)
    expect(problem(await upload(text, {}, { token: regular.token }))).toMatchObject({ status: 403 })
    expect((await upload(text, {}, { token: "nope" })).statusCode).toBe(401)
    expect((await listed(`imp${batches}-`)).total).toBe(0)
  })

  it("accepts uploads beyond Fastify's 1 MiB default, up to the configured limit (413 past it)", async () => {
    const { text } = csvOf(30_000)
    expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024)
    const big = await upload(text, { dryRun: "true" })
    expect([big.statusCode, json(big).created]).toEqual([200, 30_000])

    const small = await makeHarness({ importBodyLimit: 4096 })
    try {
      const owner = await newTenant(small.app)
      const over = await upload(csvOf(200).text, {}, { app: small, token: owner.token })
      expect(problem(over)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" })
      const under = await upload(csvOf(2).text, {}, { app: small, token: owner.token })
      expect(json(under).created).toBe(2)
    } finally {
      await small.close()
    }
  })
})
