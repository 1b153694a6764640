import { randomBytes } from "node:crypto"
import type { FastifyInstance } from "fastify"
import { afterAll, describe, expect, it } from "vitest"
import { builtServersWithReceiver, DATABASE_URL } from "./support/builtServersWithReceiver.ts"
import { verify } from "./support/receiver.ts"
import { compose, login, NEW_PASSWORD, tempDataDir, testEnv } from "./support/server.ts"

if (DATABASE_URL === undefined) {
  console.warn("DATABASE_URL is not set: the two-process membership sweep suite is skipped.")
}

const BOOTSTRAP = {
  GATEHOUSE_BOOTSTRAP_TENANT: "acme",
  GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "ops@acme.test",
  GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: NEW_PASSWORD
}

/** One call of the API: through a listening server's URL, or `inject` on a composed one. */
type Call = (
  method: "GET" | "POST",
  path: string,
  body?: object
  // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON
) => Promise<{ readonly status: number; readonly body: any }>

const overHttp =
  (base: string, token: string): Call =>
  async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" })
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text) }
  }

const overInject =
  (app: FastifyInstance, token: string): Call =>
  async (method, path, body) => {
    const response = await app.inject({
      method,
      url: path,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body })
    })
    return { status: response.statusCode, body: response.body === "" ? undefined : JSON.parse(response.body) }
  }

const pause = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))

/** An organization with `count` Limited members whose memberships expire at `expiresAt`; their user ids. */
const organizationExpiring = async (call: Call, count: number, expiresAt: Date) => {
  const organization = await call("POST", "/v1/organizations", {
    name: `Contractors ${randomBytes(3).toString("hex")}`
  })
  expect(organization.status).toBe(201)
  const add = async (n: number) => {
    const added = await call("POST", `/v1/organizations/${organization.body.id}/members`, {
      email: `contractor${n}.${randomBytes(3).toString("hex")}@acme.test`,
      firstName: "Casey",
      lastName: `Contractor${n}`,
      role: "Limited",
      expiresAt: expiresAt.toISOString()
    })
    expect(added.status, JSON.stringify(added.body)).toBe(201)
    return added.body.user.id as string
  }
  const userIds = await Promise.all(Array.from({ length: count }, (_, n) => add(n)))
  return { organizationId: organization.body.id as string, userIds }
}

/** Every `membership.expired` event of the feed (all pages). */
const expiredInFeed = async (call: Call) => {
  const events: Array<{ id: string; data: { userId: string; organizationId: string } }> = []
  let after: string | undefined
  for (;;) {
    const page = await call(
      "GET",
      `/v1/events?type=membership.expired&limit=100${after === undefined ? "" : `&after=${encodeURIComponent(after)}`}`
    )
    expect(page.status).toBe(200)
    events.push(...page.body.items)
    if (page.body.items.length < 100) return events
    after = page.body.nextCursor
  }
}

const until = async (condition: () => Promise<boolean>, millis: number, what: string) => {
  const deadline = Date.now() + millis
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${millis} ms`)
    await pause(100)
  }
}

describe("the membership sweep of the server (PGlite, one process)", () => {
  const data = tempDataDir()
  afterAll(() => data.remove())

  it("a membership with a short expiry ends and the event feed shows membership.expired once", async () => {
    const server = await compose(testEnv(data.dir, { ...BOOTSTRAP, GATEHOUSE_MEMBERSHIP_SWEEP_MS: "100" }))
    try {
      const session = await login(server.app, "acme", "ops@acme.test", NEW_PASSWORD)
      expect(session.status).toBe(200)
      const call = overInject(server.app, session.body.token)
      const expiresAt = new Date(Date.now() + 1500)
      const { organizationId, userIds } = await organizationExpiring(call, 1, expiresAt)
      expect(await expiredInFeed(call)).toEqual([])
      await until(async () => (await expiredInFeed(call)).length > 0, 15_000, "membership.expired")
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime())
      // several sweeps later, still exactly one
      await pause(500)
      const events = await expiredInFeed(call)
      expect(events.map((e) => [e.data.userId, e.data.organizationId])).toEqual([
        [userIds[0], organizationId]
      ])
      const audit = await call("GET", `/v1/audit-events?action=membership.expired&target=${userIds[0]}`)
      expect(audit.status).toBe(200)
      expect(audit.body.items).toHaveLength(1)
    } finally {
      await server.app.close()
    }
  }, 60_000)
})

describe.skipIf(DATABASE_URL === undefined)(
  "the membership sweep of two built server processes on one PostgreSQL database",
  () => {
    const servers = builtServersWithReceiver("gatehouse_sweep")
    const { receiver, running } = servers

    it("both sweep every 50 ms: each of 30 expiries is one event in the feed and one webhook delivery; SIGTERM stops each", async () => {
      const env = {
        ...BOOTSTRAP,
        DATABASE_URL: servers.databaseUrl,
        GATEHOUSE_SECRET_KEY: randomBytes(32).toString("base64"),
        GATEHOUSE_OUTBOUND_ALLOW: "127.0.0.1",
        GATEHOUSE_MEMBERSHIP_SWEEP_MS: "50",
        GATEHOUSE_WEBHOOK_POLL_MS: "250"
      }
      const [a, b] = [await servers.start(env), await servers.start(env)]
      const session = await fetch(`${a.url}/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tenant: "acme", email: "ops@acme.test", password: NEW_PASSWORD })
      })
      expect(session.status).toBe(200)
      const token = ((await session.json()) as { token: string }).token
      const [callA, callB] = [overHttp(a.url, token), overHttp(b.url, token)]
      const hook = await callA("POST", "/v1/webhooks", { url: receiver.url, events: ["membership.expired"] })
      expect(hook.status).toBe(201)

      // every expiry at one instant, so that both processes find the same ones due in the same sweeps
      const expiresAt = new Date(Date.now() + 6000)
      const { userIds } = await organizationExpiring(callB, 30, expiresAt)
      await until(async () => (await expiredInFeed(callA)).length >= 30, 30_000, "30 membership.expired")
      // a few more sweeps of both, then count
      await pause(1000)
      const events = await expiredInFeed(callB)
      expect(events).toHaveLength(30)
      expect(new Set(events.map((e) => e.data.userId))).toEqual(new Set(userIds))

      const received = () =>
        receiver.received.filter((r) => r.acknowledged && JSON.parse(r.body).type === "membership.expired")
      await until(async () => new Set(received().map((r) => r.id)).size >= 30, 30_000, "30 deliveries")
      const ids = received().map((r) => r.id)
      expect(new Set(ids)).toEqual(new Set(events.map((e) => e.id)))
      for (const request of received())
        expect(verify(hook.body.secret, request)).toMatchObject({ type: "membership.expired" })

      for (const server of [a, b]) expect(await server.kill("SIGTERM")).toBe(0)
      running.length = 0
    }, 120_000)
  }
)
