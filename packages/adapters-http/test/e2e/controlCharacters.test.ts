import { encodeCursor } from "@gatehouse/domain"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  json,
  newTenant,
  newUser,
  problem,
  type TenantAdmin,
  type TestUser
} from "../support/harness.ts"
import { makePgliteHarness, type PgliteHarness } from "./pgliteHarness.ts"

/**
 * Issue 12, item 7: input PostgreSQL cannot store or compare (a NUL byte) and cursors crafted for another sort
 * used to reach the store (a 500, or a 503 when the statement got more parameters than placeholders). They are
 * refused at decoding with a 400 VALIDATION naming the field, on the real store.
 */
describe("e2e on PGlite: control characters and crafted cursors are a 400, never a 5xx", () => {
  let h: PgliteHarness
  let admin: TenantAdmin
  let user: TestUser
  let orgId = ""
  const NUL = "a\u0000b"

  beforeAll(async () => {
    h = await makePgliteHarness()
    admin = await newTenant(h.app)
    user = await newUser(h.app, admin)
    const org = await call(h.app, "POST", "/v1/organizations", {
      token: admin.token,
      body: { name: "Northwind" }
    })
    expect(org.statusCode).toBe(201)
    orgId = json(org).id
  })
  afterAll(() => h?.close())

  const expectValidation = (response: Awaited<ReturnType<typeof call>>, path: string) => {
    expect(problem(response)).toMatchObject({ status: 400, code: "VALIDATION" })
    expect(json(response).errors.map((e: { path: string }) => e.path)).toContain(path)
  }

  it("a NUL in `q` of the user, organization and member lists", async () => {
    for (const url of ["/v1/users", "/v1/organizations", `/v1/organizations/${orgId}/members`]) {
      expectValidation(await call(h.app, "GET", url, { token: admin.token, query: { q: NUL } }), "q")
    }
  })

  it("a NUL in `action` or `target` of the audit trail", async () => {
    for (const key of ["action", "target"]) {
      expectValidation(
        await call(h.app, "GET", "/v1/audit-events", { token: admin.token, query: { [key]: NUL } }),
        key
      )
    }
  })

  it("a NUL in a cursor", async () => {
    for (const url of ["/v1/users", "/v1/organizations", "/v1/audit-events"]) {
      expectValidation(
        await call(h.app, "GET", url, { token: admin.token, query: { cursor: NUL } }),
        "cursor"
      )
    }
  })

  it("a NUL in a login email: a 400, not a failed attempt of someone's account", async () => {
    const response = await call(h.app, "POST", "/v1/auth/login", {
      body: { tenant: admin.slug, email: `${admin.email}\u0000`, password: "whatever-it-is" }
    })
    expectValidation(response, "email")
  })

  it("a NUL in PIMS credentials, a user's own and the tenant's defaults", async () => {
    expectValidation(
      await call(h.app, "PUT", "/v1/me/external-credentials/pims", {
        token: user.token,
        body: { username: NUL, password: "secret" }
      }),
      "username"
    )
    expectValidation(
      await call(h.app, "PUT", "/v1/me/external-credentials/pims", {
        token: user.token,
        body: { username: "rita", password: NUL }
      }),
      "password"
    )
    expectValidation(
      await call(h.app, "PUT", "/v1/settings/external-credentials/pims", {
        token: admin.token,
        body: { defaultCredentials: { username: NUL, password: "secret" } }
      }),
      "defaultCredentials.username"
    )
  })

  it("a well-formed cursor whose key does not fit sort=created|lastLogin", async () => {
    const id = "00000000-0000-4000-8000-000000000000"
    const crafted = [
      encodeCursor({ key: "Rita Regular", id }),
      encodeCursor({ key: "not-a-uuid", id: "x" }),
      encodeCursor({ key: 8.64e15 + 1, id }),
      encodeCursor({ key: 1.5, id })
    ]
    for (const sort of ["created", "lastLogin"]) {
      for (const cursor of crafted) {
        expectValidation(
          await call(h.app, "GET", "/v1/users", { token: admin.token, query: { sort, cursor } }),
          "cursor"
        )
        expectValidation(
          await call(h.app, "GET", `/v1/organizations/${orgId}/members`, {
            token: admin.token,
            query: { sort, cursor }
          }),
          "cursor"
        )
      }
    }
    // a number where a name is expected is refused the same way
    expectValidation(
      await call(h.app, "GET", "/v1/users", {
        token: admin.token,
        query: { sort: "name", cursor: encodeCursor({ key: 42, id }) }
      }),
      "cursor"
    )
  })

  it("the cursors the lists hand out keep working for every sort", async () => {
    for (let i = 0; i < 3; i++) await newUser(h.app, admin)
    for (const sort of ["name", "email", "created", "lastLogin"]) {
      const first = json(
        await call(h.app, "GET", "/v1/users", { token: admin.token, query: { sort, limit: "2" } })
      )
      expect(first.nextCursor).not.toBeNull()
      const next = await call(h.app, "GET", "/v1/users", {
        token: admin.token,
        query: { sort, limit: "2", cursor: first.nextCursor }
      })
      expect(next.statusCode).toBe(200)
      expect(json(next).items.length).toBeGreaterThan(0)
    }
  })
})
