import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  call,
  type Harness,
  json,
  makeHarness,
  newTenant,
  newUser,
  type TenantAdmin,
  type TestUser
} from "./support/harness.ts"

describe("catalogue", () => {
  let h: Harness
  let admin: TenantAdmin
  let regular: TestUser
  beforeAll(async () => {
    h = await makeHarness()
    admin = await newTenant(h.app)
    regular = await newUser(h.app, admin)
  })
  afterAll(() => h.close())

  it("GET /v1/roles lists the preset's roles to any full session; 401 without one", async () => {
    const response = await call(h.app, "GET", "/v1/roles", { token: regular.token })
    expect(response.statusCode).toBe(200)
    const roles = json(response)
    expect(roles.total).toBe(roles.items.length)
    expect(roles.nextCursor).toBeNull()
    expect(roles.items.map((r: { name: string; scope: string }) => `${r.scope}:${r.name}`)).toEqual(
      expect.arrayContaining(["tenant:Admin", "tenant:Regular", "organization:Limited"])
    )
    expect((await call(h.app, "GET", "/v1/roles")).statusCode).toBe(401)
  })

  describe("groups", () => {
    it("creates (201), reads, lists, renames and deletes; 409 NAME_TAKEN in any casing", async () => {
      const created = await call(h.app, "POST", "/v1/groups", {
        token: admin.token,
        body: { name: "Night shift", description: "After 10 pm" }
      })
      expect(created.statusCode).toBe(201)
      const group = json(created)
      expect(json(await call(h.app, "GET", `/v1/groups/${group.id}`, { token: admin.token })).name).toBe(
        "Night shift"
      )
      expect(json(await call(h.app, "GET", "/v1/groups", { token: admin.token })).items).toHaveLength(1)
      const taken = await call(h.app, "POST", "/v1/groups", {
        token: admin.token,
        body: { name: "NIGHT SHIFT" }
      })
      expect(taken.statusCode).toBe(409)
      expect(json(taken).code).toBe("NAME_TAKEN")
      const renamed = await call(h.app, "PATCH", `/v1/groups/${group.id}`, {
        token: admin.token,
        body: { name: "Late shift", description: null }
      })
      expect(json(renamed)).toMatchObject({ name: "Late shift", description: null })
      expect((await call(h.app, "DELETE", `/v1/groups/${group.id}`, { token: admin.token })).statusCode).toBe(
        204
      )
      expect((await call(h.app, "GET", `/v1/groups/${group.id}`, { token: admin.token })).statusCode).toBe(
        404
      )
      expect(
        (await call(h.app, "PATCH", `/v1/groups/${group.id}`, { token: admin.token, body: { name: "X" } }))
          .statusCode
      ).toBe(404)
      expect((await call(h.app, "DELETE", `/v1/groups/${group.id}`, { token: admin.token })).statusCode).toBe(
        404
      )
    })

    it("refuses a Regular user: listing and managing need groups:manage or users:read", async () => {
      expect((await call(h.app, "GET", "/v1/groups", { token: regular.token })).statusCode).toBe(403)
      expect(
        (await call(h.app, "POST", "/v1/groups", { token: regular.token, body: { name: "Mine" } })).statusCode
      ).toBe(403)
    })

    it("puts users into a group and takes them out (idempotent, 204); unknown user 404", async () => {
      const group = json(
        await call(h.app, "POST", "/v1/groups", { token: admin.token, body: { name: "Packers" } })
      )
      const url = `/v1/groups/${group.id}/members/${regular.id}`
      expect((await call(h.app, "PUT", url, { token: admin.token })).statusCode).toBe(204)
      expect((await call(h.app, "PUT", url, { token: admin.token })).statusCode).toBe(204)
      const user = json(await call(h.app, "GET", `/v1/users/${regular.id}`, { token: admin.token }))
      expect(user.groupIds).toEqual([group.id])
      const filtered = json(
        await call(h.app, "GET", "/v1/users", { token: admin.token, query: { group: group.id } })
      )
      expect(filtered.items.map((u: { id: string }) => u.id)).toEqual([regular.id])
      expect((await call(h.app, "DELETE", url, { token: admin.token })).statusCode).toBe(204)
      expect((await call(h.app, "DELETE", url, { token: admin.token })).statusCode).toBe(204)
      const unknown = await call(h.app, "PUT", `/v1/groups/${group.id}/members/${crypto.randomUUID()}`, {
        token: admin.token
      })
      expect(unknown.statusCode).toBe(404)
    })
  })

  describe("departments", () => {
    it("creates (201), reads, lists, renames and deletes; 409 NAME_TAKEN; 404 afterwards", async () => {
      const created = await call(h.app, "POST", "/v1/departments", {
        token: admin.token,
        body: { name: "Finance" }
      })
      expect(created.statusCode).toBe(201)
      const department = json(created)
      expect(
        json(await call(h.app, "GET", `/v1/departments/${department.id}`, { token: admin.token })).name
      ).toBe("Finance")
      expect(json(await call(h.app, "GET", "/v1/departments", { token: admin.token })).total).toBe(1)
      const taken = await call(h.app, "POST", "/v1/departments", {
        token: admin.token,
        body: { name: "finance" }
      })
      expect(json(taken).code).toBe("NAME_TAKEN")
      const renamed = await call(h.app, "PATCH", `/v1/departments/${department.id}`, {
        token: admin.token,
        body: { name: "Accounting" }
      })
      expect(json(renamed).name).toBe("Accounting")
      expect(
        (await call(h.app, "DELETE", `/v1/departments/${department.id}`, { token: admin.token })).statusCode
      ).toBe(204)
      expect(
        (await call(h.app, "GET", `/v1/departments/${department.id}`, { token: admin.token })).statusCode
      ).toBe(404)
      expect(
        (
          await call(h.app, "PATCH", `/v1/departments/${department.id}`, {
            token: admin.token,
            body: { name: "X" }
          })
        ).statusCode
      ).toBe(404)
      expect(
        (await call(h.app, "DELETE", `/v1/departments/${department.id}`, { token: admin.token })).statusCode
      ).toBe(404)
    })

    it("refuses a Regular user and a name that is not trimmed", async () => {
      expect((await call(h.app, "GET", "/v1/departments", { token: regular.token })).statusCode).toBe(403)
      const padded = await call(h.app, "POST", "/v1/departments", {
        token: admin.token,
        body: { name: " Ops " }
      })
      expect(padded.statusCode).toBe(400)
    })
  })
})
