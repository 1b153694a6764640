import { beforeAll, describe, expect, it } from "vitest"
import { call, json, newTenant, newUser, type TenantAdmin } from "./support/harness.ts"
import { tenantWithAdmin } from "./support/tenantWithAdmin.ts"

describe("/v1/organizations", () => {
  const { h, admin } = tenantWithAdmin()
  let other: TenantAdmin
  beforeAll(async () => {
    other = await newTenant(h.app)
  })

  const createOrg = async (name: string) => {
    const response = await call(h.app, "POST", "/v1/organizations", {
      token: admin.token,
      body: { name, pimsCustomerCode: `C-${name}` }
    })
    expect(response.statusCode).toBe(201)
    return json(response)
  }

  it("creates (201), lists and reads (ETag) organizations; 404 across tenants", async () => {
    const org = await createOrg("Northwind")
    expect(org).toMatchObject({ name: "Northwind", pimsCustomerCode: "C-Northwind", priceCode: null })
    const listed = json(
      await call(h.app, "GET", "/v1/organizations", { token: admin.token, query: { q: "north" } })
    )
    expect(listed.items.map((o: { id: string }) => o.id)).toContain(org.id)
    expect(listed.total).toBe(1)
    const read = await call(h.app, "GET", `/v1/organizations/${org.id}`, { token: admin.token })
    expect(read.statusCode).toBe(200)
    expect(read.headers.etag).toBe(`W/"${org.version}"`)
    const foreign = await call(h.app, "GET", `/v1/organizations/${org.id}`, { token: other.token })
    expect(foreign.statusCode).toBe(404)
  })

  it("refuses creation without orgs:manage (403) and a blank name (400)", async () => {
    const user = await newUser(h.app, admin)
    const forbidden = await call(h.app, "POST", "/v1/organizations", {
      token: user.token,
      body: { name: "X" }
    })
    expect(forbidden.statusCode).toBe(403)
    const blank = await call(h.app, "POST", "/v1/organizations", { token: admin.token, body: { name: "" } })
    expect(blank.statusCode).toBe(400)
    expect(json(blank).errors[0].path).toBe("name")
    expect((await call(h.app, "GET", "/v1/organizations", { token: user.token })).statusCode).toBe(403)
  })

  it("patches with an optional If-Match (412 when stale) and deletes (204, then 404)", async () => {
    const org = await createOrg("Contoso")
    const renamed = await call(h.app, "PATCH", `/v1/organizations/${org.id}`, {
      token: admin.token,
      headers: { "if-match": `W/"${org.version}"` },
      body: { name: "Contoso Ltd", priceCode: null }
    })
    expect(renamed.statusCode).toBe(200)
    expect(json(renamed).name).toBe("Contoso Ltd")
    const stale = await call(h.app, "PATCH", `/v1/organizations/${org.id}`, {
      token: admin.token,
      headers: { "if-match": `W/"${org.version}"` },
      body: { name: "Contoso Again" }
    })
    expect(stale.statusCode).toBe(412)
    const unconditional = await call(h.app, "PATCH", `/v1/organizations/${org.id}`, {
      token: admin.token,
      body: { name: "Contoso Again" }
    })
    expect(unconditional.statusCode).toBe(200)
    expect(
      (await call(h.app, "DELETE", `/v1/organizations/${org.id}`, { token: admin.token })).statusCode
    ).toBe(204)
    expect((await call(h.app, "GET", `/v1/organizations/${org.id}`, { token: admin.token })).statusCode).toBe(
      404
    )
    expect(
      (await call(h.app, "DELETE", `/v1/organizations/${org.id}`, { token: admin.token })).statusCode
    ).toBe(404)
  })

  describe("members", () => {
    it("adds a new person (pending, with a setup link) or an existing user; 409 ALREADY_MEMBER", async () => {
      const org = await createOrg("Fabrikam")
      const fresh = await call(h.app, "POST", `/v1/organizations/${org.id}/members`, {
        token: admin.token,
        body: { email: "Buyer@Fabrikam.test", firstName: "Bo", lastName: "Buyer", role: "Limited" }
      })
      expect(fresh.statusCode).toBe(201)
      expect(json(fresh)).toMatchObject({
        created: true,
        user: { email: "buyer@fabrikam.test", status: "pending" }
      })
      expect(json(fresh).setupUrl).toMatch(/#token=/)
      const user = await newUser(h.app, admin)
      const existing = await call(h.app, "POST", `/v1/organizations/${org.id}/members`, {
        token: admin.token,
        body: { email: user.email, firstName: "Ignored", lastName: "Names", role: "Admin" }
      })
      expect(existing.statusCode).toBe(201)
      expect(json(existing).created).toBe(false)
      expect(json(existing)).not.toHaveProperty("setupUrl")
      const again = await call(h.app, "POST", `/v1/organizations/${org.id}/members`, {
        token: admin.token,
        body: { email: user.email, firstName: "A", lastName: "B", role: "Limited" }
      })
      expect(again.statusCode).toBe(409)
      expect(json(again).code).toBe("ALREADY_MEMBER")
      const past = await call(h.app, "POST", `/v1/organizations/${org.id}/members`, {
        token: admin.token,
        body: {
          email: "late@fabrikam.test",
          firstName: "A",
          lastName: "B",
          role: "Limited",
          expiresAt: "2001-01-01T00:00:00Z"
        }
      })
      expect(past.statusCode).toBe(400)
    })

    it("lists members with their membership; an organization Admin manages their own organization", async () => {
      const org = await createOrg("Litware")
      const orgAdmin = await newUser(h.app, admin)
      const outsider = await newUser(h.app, admin)
      await call(h.app, "POST", `/v1/organizations/${org.id}/members`, {
        token: admin.token,
        body: { email: orgAdmin.email, firstName: "A", lastName: "B", role: "Admin" }
      })
      const listed = await call(h.app, "GET", `/v1/organizations/${org.id}/members`, {
        token: orgAdmin.token,
        query: { status: "active" }
      })
      expect(listed.statusCode).toBe(200)
      expect(json(listed).total).toBe(1)
      expect(json(listed).items[0]).toMatchObject({
        user: { id: orgAdmin.id },
        membership: { role: "Admin" },
        inEffect: true
      })
      expect(json(listed).items[0].user).not.toHaveProperty("adminNotes")
      const added = await call(h.app, "POST", `/v1/organizations/${org.id}/members`, {
        token: orgAdmin.token,
        body: { email: "staff@litware.test", firstName: "S", lastName: "T", role: "Limited" }
      })
      expect(added.statusCode).toBe(201)
      const denied = await call(h.app, "GET", `/v1/organizations/${org.id}/members`, {
        token: outsider.token
      })
      expect(denied.statusCode).toBe(403)
      const ownOrg = await call(h.app, "GET", `/v1/organizations/${org.id}`, { token: orgAdmin.token })
      expect(ownOrg.statusCode).toBe(200)
    })

    it("changes a membership, keeps the last Admin (409 LAST_ADMIN) and removes members", async () => {
      const org = await createOrg("Tailspin")
      const boss = await newUser(h.app, admin)
      const helper = await newUser(h.app, admin)
      for (const [user, role] of [
        [boss, "Admin"],
        [helper, "Limited"]
      ] as const) {
        await call(h.app, "POST", `/v1/organizations/${org.id}/members`, {
          token: admin.token,
          body: { email: user.email, firstName: "A", lastName: "B", role }
        })
      }
      const expiry = new Date(Date.now() + 86_400_000).toISOString()
      const changed = await call(h.app, "PATCH", `/v1/organizations/${org.id}/members/${helper.id}`, {
        token: admin.token,
        body: { expiresAt: expiry, active: true }
      })
      expect(changed.statusCode).toBe(200)
      expect(json(changed).expiresAt).toBe(expiry)
      const demote = await call(h.app, "PATCH", `/v1/organizations/${org.id}/members/${boss.id}`, {
        token: admin.token,
        body: { role: "Limited" }
      })
      expect(demote.statusCode).toBe(409)
      expect(json(demote).code).toBe("LAST_ADMIN")
      const selfDemote = await call(h.app, "PATCH", `/v1/organizations/${org.id}/members/${boss.id}`, {
        token: boss.token,
        body: { role: "Limited" }
      })
      expect(json(selfDemote).code).toBe("CANNOT_CHANGE_OWN_ROLE")
      const removeLast = await call(h.app, "DELETE", `/v1/organizations/${org.id}/members/${boss.id}`, {
        token: admin.token
      })
      expect(removeLast.statusCode).toBe(409)
      const removed = await call(h.app, "DELETE", `/v1/organizations/${org.id}/members/${helper.id}`, {
        token: admin.token
      })
      expect(removed.statusCode).toBe(204)
      const gone = await call(h.app, "DELETE", `/v1/organizations/${org.id}/members/${helper.id}`, {
        token: admin.token
      })
      expect(gone.statusCode).toBe(404)
      const user = json(await call(h.app, "GET", `/v1/users/${boss.id}`, { token: admin.token }))
      expect(user.memberships).toEqual([
        expect.objectContaining({
          organization: {
            id: org.id,
            name: "Tailspin",
            slug: "tailspin",
            companyName: null,
            taxId: null,
            status: "active",
            kind: "business"
          },
          role: "Admin",
          active: true
        })
      ])
    })
  })
})
