import { describe, expect, it } from "vitest"
import { call, json, newUser } from "./support/harness.ts"
import { tenantWithAdmin } from "./support/tenantWithAdmin.ts"

describe("webhooks and the event feed", () => {
  const { h, admin } = tenantWithAdmin()

  const create = async (body: object = { url: "https://receiver.example/hooks", events: ["*"] }) => {
    const response = await call(h.app, "POST", "/v1/webhooks", { token: admin.token, body })
    expect(response.statusCode).toBe(201)
    return json(response) as { webhook: { id: string }; secret: string }
  }

  it("creates with a whsec_ secret shown once; reads, lists, changes and deletes without it", async () => {
    const { webhook, secret } = await create({ url: "https://receiver.example/a", events: ["user.created"] })
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const read = await call(h.app, "GET", `/v1/webhooks/${webhook.id}`, { token: admin.token })
    expect(json(read)).toMatchObject({ id: webhook.id, events: ["user.created"], enabled: true })
    expect(read.body).not.toContain(secret.slice(6))
    expect(read.body).not.toMatch(/secret/i)
    const listed = json(await call(h.app, "GET", "/v1/webhooks", { token: admin.token }))
    expect(listed.items.map((w: { id: string }) => w.id)).toContain(webhook.id)
    const changed = await call(h.app, "PATCH", `/v1/webhooks/${webhook.id}`, {
      token: admin.token,
      body: { events: ["user.created", "user.deleted"], enabled: false }
    })
    expect(json(changed)).toMatchObject({ events: ["user.created", "user.deleted"], enabled: false })
    expect(
      (await call(h.app, "DELETE", `/v1/webhooks/${webhook.id}`, { token: admin.token })).statusCode
    ).toBe(204)
    const gone = await call(h.app, "GET", `/v1/webhooks/${webhook.id}`, { token: admin.token })
    expect([gone.statusCode, json(gone).code]).toEqual([404, "NOT_FOUND"])
  })

  it("refuses unknown event types, a bad URL and unknown properties (400, nothing created)", async () => {
    const before = json(await call(h.app, "GET", "/v1/webhooks", { token: admin.token })).total
    for (const body of [
      { url: "https://receiver.example/x", events: ["user.exploded"] },
      { url: "ftp://receiver.example/x", events: ["*"] },
      { url: "https://receiver.example/x", events: [] },
      { url: "https://receiver.example/x", events: ["*"], secret: "whsec_mine" }
    ]) {
      const response = await call(h.app, "POST", "/v1/webhooks", { token: admin.token, body })
      expect([response.statusCode, json(response).code]).toEqual([400, "VALIDATION"])
    }
    expect(json(await call(h.app, "GET", "/v1/webhooks", { token: admin.token })).total).toBe(before)
  })

  it("refuses a URL the server would not call, on create and on update (422 OUTBOUND_URL_REFUSED on url)", async () => {
    const before = json(await call(h.app, "GET", "/v1/webhooks", { token: admin.token })).total
    for (const url of ["https://metadata.example/x", "http://receiver.example/x", "https://10.1.2.3/x"]) {
      const response = await call(h.app, "POST", "/v1/webhooks", {
        token: admin.token,
        body: { url, events: ["*"] }
      })
      expect([response.statusCode, json(response).code]).toEqual([422, "OUTBOUND_URL_REFUSED"])
      expect(response.body).not.toContain("/x")
    }
    expect(json(await call(h.app, "GET", "/v1/webhooks", { token: admin.token })).total).toBe(before)
    const { webhook } = await create({ url: "https://receiver.example/ok", events: ["*"] })
    const refused = await call(h.app, "PATCH", `/v1/webhooks/${webhook.id}`, {
      token: admin.token,
      body: { url: "https://metadata.example/latest" }
    })
    expect([refused.statusCode, json(refused).code]).toEqual([422, "OUTBOUND_URL_REFUSED"])
    const read = json(await call(h.app, "GET", `/v1/webhooks/${webhook.id}`, { token: admin.token }))
    expect(read.url).toBe("https://receiver.example/ok")
  })

  it("rotating answers a new secret once; the test event queues a delivery that can be retried", async () => {
    const { webhook, secret } = await create()
    const rotated = json(
      await call(h.app, "POST", `/v1/webhooks/${webhook.id}/rotate-secret`, { token: admin.token })
    )
    expect(rotated.secret).toMatch(/^whsec_/)
    expect(rotated.secret).not.toBe(secret)
    const test = json(await call(h.app, "POST", `/v1/webhooks/${webhook.id}/test`, { token: admin.token }))
    const deliveries = json(
      await call(h.app, "GET", `/v1/webhooks/${webhook.id}/deliveries`, { token: admin.token })
    )
    expect(deliveries.items[0]).toMatchObject({
      eventId: test.eventId,
      eventType: "webhook.test",
      status: "pending",
      attempts: 0
    })
    const retried = await call(
      h.app,
      "POST",
      `/v1/webhooks/${webhook.id}/deliveries/${deliveries.items[0].id}/retry`,
      {
        token: admin.token
      }
    )
    expect(json(retried)).toMatchObject({ id: deliveries.items[0].id, status: "pending" })
    const unknown = await call(
      h.app,
      "POST",
      `/v1/webhooks/${webhook.id}/deliveries/${crypto.randomUUID()}/retry`,
      { token: admin.token }
    )
    expect(unknown.statusCode).toBe(404)
  })

  it("the feed carries each committed change with the whole resource and no secret; a refused change has none", async () => {
    const start = json(
      await call(h.app, "GET", "/v1/events", { token: admin.token, query: { limit: "200" } })
    )
    let cursor: string = start.nextCursor
    const user = await newUser(h.app, admin)
    const taken = await call(h.app, "POST", "/v1/users", {
      token: admin.token,
      body: {
        email: user.email,
        firstName: "Dup",
        lastName: "Licate",
        role: "Regular",
        generatePassword: true
      }
    })
    expect(taken.statusCode).toBe(409)
    const disabled = await call(h.app, "POST", `/v1/users/${user.id}/disable`, { token: admin.token })
    expect(disabled.statusCode).toBe(200)
    const feed = json(
      await call(h.app, "GET", "/v1/events", { token: admin.token, query: { after: cursor } })
    )
    const mine = feed.items.filter((e: { data: { id?: string } }) => e.data?.id === user.id)
    expect(mine.map((e: { type: string }) => e.type)).toEqual([
      "user.created",
      "user.password_changed",
      "user.disabled"
    ])
    expect(mine[0]).toMatchObject({ tenantId: admin.tenantId, actor: { kind: "user", id: admin.adminId } })
    expect(mine[0].data).toMatchObject({ id: user.id, email: user.email, status: "active" })
    expect(mine[2].data.status).toBe("disabled")
    expect(JSON.stringify(feed.items)).not.toMatch(/passwordHash|\$argon2|fake\$/)
    cursor = feed.nextCursor
    const typed = json(
      await call(h.app, "GET", "/v1/events", {
        token: admin.token,
        query: { after: start.nextCursor, type: "user.disabled" }
      })
    )
    expect(typed.items.map((e: { type: string }) => e.type)).toEqual(["user.disabled"])
    const after = json(
      await call(h.app, "GET", "/v1/events", { token: admin.token, query: { after: cursor } })
    )
    expect(after.items).toEqual([])
    const bad = await call(h.app, "GET", "/v1/events", {
      token: admin.token,
      query: { type: "user.exploded" }
    })
    expect(bad.statusCode).toBe(400)
    const badCursor = await call(h.app, "GET", "/v1/events", { token: admin.token, query: { after: "nope" } })
    expect(badCursor.statusCode).toBe(400)
  })
})
