import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makePgliteHarness } from "./e2e/pgliteHarness.ts"
import {
  call,
  type Harness,
  json,
  type Method,
  makeHarness,
  newTenant,
  problem,
  type TenantAdmin
} from "./support/harness.ts"

// An id is decoded once, where it enters: the stores take branded ids and never check them again (a cast
// non-UUID reaching PostgreSQL would be a 22P02 that aborts the transaction). These tests hold every HTTP entry
// of an id to that: a path or query id that is not a UUID is a 400 VALIDATION naming the parameter, whatever
// the route, and a token whose id part is not a UUID is refused like an unknown token.

const NOT_AN_ID = "not-a-uuid"
const SECRET = "A".repeat(43)

interface Parameter {
  readonly in: string
  readonly name: string
  readonly schema?: { readonly pattern?: string }
}

/** Names of parameters that carry an id (so a route that stops decoding one is still walked). */
const ID_NAME = /^(id|\w+Id|department|group|organization|user|actor)$/

/** The parameters that carry an id: named like one, or typed by the contract as a UUID (the id brands). */
const isIdParameter = (parameter: Parameter): boolean =>
  (parameter.in === "path" || parameter.in === "query") &&
  (ID_NAME.test(parameter.name) ||
    (parameter.schema?.pattern !== undefined &&
      new RegExp(parameter.schema.pattern).test(crypto.randomUUID()) &&
      !new RegExp(parameter.schema.pattern).test(NOT_AN_ID)))

const stores: ReadonlyArray<readonly [string, () => Promise<Harness>]> = [
  ["memory", () => makeHarness()],
  ["PGlite", makePgliteHarness]
]

describe.each(stores)("ids are decoded where they enter (HTTP, %s store)", (_store, harness) => {
  let h: Harness
  let admin: TenantAdmin
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document, read loosely
  let document: any

  beforeAll(async () => {
    h = await harness()
    admin = await newTenant(h.app)
    document = (await h.app.inject({ method: "GET", url: "/openapi.json" })).json()
  }, 240_000)
  afterAll(() => h.close())

  it("every path and query id that is not a UUID is a 400 VALIDATION naming it, on every route", async () => {
    const checked: Array<string> = []
    for (const [template, operations] of Object.entries<Record<string, { parameters?: Array<Parameter> }>>(
      document.paths
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const parameters = operation.parameters ?? []
        for (const bad of parameters.filter(isIdParameter)) {
          const url = template.replace(/\{(\w+)\}/g, (_, name: string) =>
            name === bad.name && bad.in === "path" ? NOT_AN_ID : crypto.randomUUID()
          )
          const response = await call(h.app, method.toUpperCase() as Method, url, {
            token: admin.token,
            ...(bad.in === "query" ? { query: { [bad.name]: NOT_AN_ID } } : {}),
            ...(method === "get" || method === "delete" ? {} : { body: {} })
          })
          const label = `${method.toUpperCase()} ${template} ${bad.in}:${bad.name}`
          expect([response.statusCode, json(response).code], label).toEqual([400, "VALIDATION"])
          expect(
            json(response).errors.map((e: { path: string }) => e.path),
            label
          ).toContain(bad.name)
          checked.push(label)
        }
      }
    }
    // the walk found the id parameters (a change to how the contract describes a UUID must not empty it)
    expect(checked.length).toBeGreaterThan(50)
    for (const expected of [
      "GET /v1/users/{id} path:id",
      "GET /v1/users query:department",
      "GET /v1/users query:group",
      "GET /v1/memberships query:organization",
      "GET /v1/memberships query:user",
      "GET /v1/audit-events query:actor",
      "DELETE /v1/me/sessions/{sessionId} path:sessionId",
      "POST /v1/webhooks/{id}/deliveries/{deliveryId}/retry path:deliveryId"
    ])
      expect(checked).toContain(expected)
  })

  it("ids in bodies that are not UUIDs are a 400 VALIDATION naming them", async () => {
    const cases: ReadonlyArray<readonly [Method, string, unknown, string]> = [
      [
        "POST",
        "/v1/users",
        { email: "ida@acme.test", firstName: "Ida", lastName: "Id", department: NOT_AN_ID, password: "x" },
        "department"
      ],
      ["POST", "/v1/users", { email: "ida@acme.test", firstName: "Ida", groups: [NOT_AN_ID] }, "groups.0"],
      ["PATCH", `/v1/users/${admin.adminId}`, { department: NOT_AN_ID }, "department"],
      ["POST", "/v1/users/bulk", { action: "disable", ids: [crypto.randomUUID(), NOT_AN_ID] }, "ids.1"],
      [
        "POST",
        `/v1/organizations/${crypto.randomUUID()}/members`,
        { userId: NOT_AN_ID, role: "User" },
        "userId"
      ]
    ]
    for (const [method, url, body, path] of cases) {
      const response = await call(h.app, method, url, { token: admin.token, body })
      expect(problem(response).status, `${method} ${url} ${path}`).toBe(400)
      expect(
        json(response).errors.map((e: { path: string }) => e.path),
        `${method} ${url}`
      ).toContain(path)
    }
  })

  it("a session token whose id part is not a UUID is a 401, as an unknown one", async () => {
    for (const token of [`${NOT_AN_ID}.${SECRET}`, `${crypto.randomUUID()}.${SECRET}`]) {
      const response = await call(h.app, "GET", "/v1/me", { token })
      expect(response.statusCode, token).toBe(401)
      const cookie = await h.app.inject({
        method: "GET",
        url: "/v1/me",
        cookies: { gatehouse_session: token }
      })
      expect(cookie.statusCode, token).toBe(401)
    }
  })

  it("a setup or one-time token whose id part is not a UUID is 404 TOKEN_INVALID, as an unknown one", async () => {
    for (const token of [`${NOT_AN_ID}.${SECRET}`, `${crypto.randomUUID()}.${SECRET}`]) {
      const requests: ReadonlyArray<readonly [string, unknown]> = [
        ["/v1/setup/start", { token }],
        ["/v1/setup/complete", { token, displayName: "X", password: "Tq8!Nebula-Crane-Vortex" }],
        ["/v1/auth/password-reset/start", { token }],
        ["/v1/auth/password-reset/complete", { token, newPassword: "Tq8!Nebula-Crane-Vortex" }],
        ["/v1/email-verification/complete", { token }]
      ]
      for (const [url, body] of requests) {
        const response = await call(h.app, "POST", url, { body })
        expect([response.statusCode, json(response).code], `${url} ${token}`).toEqual([404, "TOKEN_INVALID"])
      }
    }
  })
})
