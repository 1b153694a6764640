import { gatehouseFrameworkErrors } from "@gatehouse/adapters-http"
import type { FastifyInstance } from "fastify"
import { describe, expect, it } from "vitest"
import { call, json, makeHarness, newTenant, newUser } from "./support/harness.ts"
import { tenantWithAdmin } from "./support/tenantWithAdmin.ts"

const WRONG = "Wrong-Password-99"

/** A login from `address` (the TCP peer as `inject` presents it), with extra headers when given. */
const loginFrom = (
  app: FastifyInstance,
  address: string,
  body: Record<string, string>,
  headers: Record<string, string> = {}
) => app.inject({ method: "POST", url: "/v1/auth/login", payload: body, remoteAddress: address, headers })

describe("the sign-in throttle per (account, client address) and per account (issue 12, item 3)", () => {
  const { h, admin } = tenantWithAdmin()

  it("a stranger's guesses slow down their own address only: 429 TOO_MANY_ATTEMPTS with Retry-After there, the owner signs in from elsewhere", async () => {
    const user = await newUser(h.app, admin)
    const wrong = { tenant: admin.slug, email: user.email, password: WRONG }
    for (let i = 0; i < 5; i++) expect((await loginFrom(h.app, "203.0.113.5", wrong)).statusCode).toBe(401)
    const refused = await loginFrom(h.app, "203.0.113.5", { ...wrong, password: user.password })
    expect(refused.statusCode).toBe(429)
    expect(json(refused).code).toBe("TOO_MANY_ATTEMPTS")
    expect(Number(refused.headers["retry-after"])).toBe(1)
    // a spoofed X-Forwarded-For from the same peer is not believed (trustProxy is off)
    const spoofed = await loginFrom(
      h.app,
      "203.0.113.5",
      { ...wrong, password: user.password },
      { "x-forwarded-for": "198.51.100.200" }
    )
    expect(spoofed.statusCode).toBe(429)
    const owner = await loginFrom(h.app, "192.0.2.44", { ...wrong, password: user.password })
    expect(owner.statusCode).toBe(200)
  })

  it("an IPv6 client is throttled by its /64: another address of the same network waits too", async () => {
    const user = await newUser(h.app, admin)
    const wrong = { tenant: admin.slug, email: user.email, password: WRONG }
    for (let i = 0; i < 5; i++) {
      expect((await loginFrom(h.app, `2001:db8:77:1:${i}::1`, wrong)).statusCode).toBe(401)
    }
    const sameNetwork = await loginFrom(h.app, "2001:db8:77:1:abcd::9", { ...wrong, password: user.password })
    expect(sameNetwork.statusCode).toBe(429)
    const otherNetwork = await loginFrom(h.app, "2001:db8:77:2::9", { ...wrong, password: user.password })
    expect(otherNetwork.statusCode).toBe(200)
  })

  it("100 failures from many addresses lock the account for an hour: audited, shown to admins as signInLock, never applied where the owner signed in before", async () => {
    const user = await newUser(h.app, admin)
    const before = json(await call(h.app, "GET", `/v1/users/${user.id}`, { token: admin.token }))
    expect(before.signInLock).toBeNull()
    const wrong = { tenant: admin.slug, email: user.email, password: WRONG }
    for (let i = 0; i < 100; i++) {
      const answer = await loginFrom(h.app, `10.20.${Math.floor(i / 5)}.1`, wrong)
      expect(answer.statusCode).toBe(401)
    }
    const locked = await loginFrom(h.app, "198.51.100.9", { ...wrong, password: user.password })
    expect(locked.statusCode).toBe(429)
    expect(json(locked).code).toBe("TOO_MANY_ATTEMPTS")
    const retryAfter = Number(locked.headers["retry-after"])
    expect(retryAfter).toBeGreaterThan(3500)
    expect(retryAfter).toBeLessThanOrEqual(3600)

    const details = json(await call(h.app, "GET", `/v1/users/${user.id}`, { token: admin.token }))
    expect(details.signInLock.failures).toBe(100)
    const until = Date.parse(details.signInLock.until)
    expect(until - Date.now()).toBeGreaterThan(3_500_000)
    expect(until - Date.now()).toBeLessThanOrEqual(3_600_000)
    // the user reading their own profile is no admin: no signInLock key
    expect(
      "signInLock" in json(await call(h.app, "GET", `/v1/users/${user.id}`, { token: user.token }))
    ).toBe(false)
    const events = json(
      await call(h.app, "GET", "/v1/audit-events", { token: admin.token, query: { action: "auth.locked" } })
    )
    expect(events.items).toHaveLength(1)
    expect(events.items[0].targetId).toBe(user.id)
    expect(events.items[0].details.failures).toBe(100)

    // newUser signed in from inject's default address: the lock spares it, and that sign-in ends the lock
    const home = await loginFrom(h.app, "127.0.0.1", { ...wrong, password: user.password })
    expect(home.statusCode).toBe(200)
    const after = json(await call(h.app, "GET", `/v1/users/${user.id}`, { token: admin.token }))
    expect(after.signInLock).toBeNull()
  })
})

describe("behind a trusted proxy (trustProxy, GATEHOUSE_TRUST_PROXY)", () => {
  it("the client address is the forwarded one: two clients behind one proxy are throttled apart", async () => {
    const h = await makeHarness({
      fastify: { logger: false, frameworkErrors: gatehouseFrameworkErrors, trustProxy: "10.0.0.1" }
    })
    try {
      const admin = await newTenant(h.app)
      const user = await newUser(h.app, admin)
      const wrong = { tenant: admin.slug, email: user.email, password: WRONG }
      const via = (client: string) => ({ "x-forwarded-for": client })
      for (let i = 0; i < 5; i++) {
        expect((await loginFrom(h.app, "10.0.0.1", wrong, via("198.51.100.1"))).statusCode).toBe(401)
      }
      const sameClient = await loginFrom(
        h.app,
        "10.0.0.1",
        { ...wrong, password: user.password },
        via("198.51.100.1")
      )
      expect(sameClient.statusCode).toBe(429)
      const otherClient = await loginFrom(
        h.app,
        "10.0.0.1",
        { ...wrong, password: user.password },
        via("198.51.100.2")
      )
      expect(otherClient.statusCode).toBe(200)
    } finally {
      await h.close()
    }
  })
})
