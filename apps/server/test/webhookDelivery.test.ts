import { randomBytes } from "node:crypto"
import { beforeAll, describe, expect, it } from "vitest"
import type { ServerProcess } from "./support/builtProcess.ts"
import { builtServersWithReceiver, DATABASE_URL, onAdmin } from "./support/builtServersWithReceiver.ts"
import { verify } from "./support/receiver.ts"
import { NEW_PASSWORD } from "./support/server.ts"

if (DATABASE_URL === undefined) {
  console.warn("DATABASE_URL is not set: the webhook delivery suite of the built server is skipped.")
}

const api = async (base: string, token: string | undefined, method: string, path: string, body?: object) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` })
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const text = await response.text()
  // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON
  return { status: response.status, body: (text === "" ? undefined : JSON.parse(text)) as any }
}

const pause = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))

describe.skipIf(DATABASE_URL === undefined)("webhooks delivered by the built server on PostgreSQL", () => {
  const servers = builtServersWithReceiver("gatehouse_hooks")
  const { receiver, running } = servers
  let env: Record<string, string> = {}
  let secret = ""
  let users = 0

  const start = () => servers.start(env)
  const tokenOf = async (server: ServerProcess) => {
    const login = await api(server.url, undefined, "POST", "/v1/auth/login", {
      tenant: "acme",
      email: "ops@acme.test",
      password: NEW_PASSWORD
    })
    expect(login.status).toBe(200)
    return login.body.token as string
  }
  /** Creates a user through `server`: one committed change, one `user.created` event. Answers the user's id. */
  const change = async (server: ServerProcess, token: string) => {
    const n = ++users
    const created = await api(server.url, token, "POST", "/v1/users", {
      email: `person${n}@acme.test`,
      firstName: "Pat",
      lastName: `Person${n}`,
      role: "Regular",
      generatePassword: true
    })
    expect(created.status).toBe(201)
    return created.body.user.id as string
  }
  /** The `user.created` requests received for `userIds` (or only those acknowledged), grouped by webhook-id. */
  const receivedFor = (userIds: ReadonlyArray<string>, acknowledged = false) => {
    const wanted = new Set(userIds)
    const byId = new Map<string, Array<{ userId: string }>>()
    for (const request of receiver.received) {
      if (acknowledged && !request.acknowledged) continue
      const event = JSON.parse(request.body) as { type: string; data: { id: string } }
      if (event.type !== "user.created" || !wanted.has(event.data.id)) continue
      byId.set(request.id, [...(byId.get(request.id) ?? []), { userId: event.data.id }])
    }
    return byId
  }
  /** Each of `userIds` was delivered: a request the receiver acknowledged. */
  const allArrived = (userIds: ReadonlyArray<string>) => () => {
    const users = new Set([...receivedFor(userIds, true).values()].map((requests) => requests[0]!.userId))
    return userIds.every((id) => users.has(id))
  }

  beforeAll(async () => {
    env = {
      DATABASE_URL: servers.databaseUrl,
      // every node of one database shares the key the webhook secrets are sealed with
      GATEHOUSE_SECRET_KEY: randomBytes(32).toString("base64"),
      GATEHOUSE_BOOTSTRAP_TENANT: "acme",
      GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "ops@acme.test",
      GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: NEW_PASSWORD,
      GATEHOUSE_OUTBOUND_ALLOW: "127.0.0.1",
      GATEHOUSE_LOG_LEVEL: "info",
      // a short schedule: 4 s timeout (a 13 s lease), the first retry after 100 ms, a poll every 250 ms
      GATEHOUSE_WEBHOOK_TIMEOUT_MS: "4000",
      GATEHOUSE_WEBHOOK_RETRY_BASE_MS: "100",
      GATEHOUSE_WEBHOOK_POLL_MS: "250"
    }
    const server = await start()
    const token = await tokenOf(server)
    const created = await api(server.url, token, "POST", "/v1/webhooks", {
      url: receiver.url,
      events: ["user.created"]
    })
    expect(created.status).toBe(201)
    secret = created.body.secret
  }, 120_000)

  it("signs every delivery so that the standardwebhooks package verifies it; the receiver down for a while, then up: none lost", async () => {
    const server = running[0]!
    const token = await tokenOf(server)
    await receiver.stop()
    const userIds: Array<string> = []
    for (let i = 0; i < 10; i++) userIds.push(await change(server, token))
    await pause(1500)
    await receiver.start()
    await receiver.until(allArrived(userIds), 30_000, "delivery of all 10 changes")
    const byId = receivedFor(userIds)
    expect(byId.size).toBe(10)
    for (const [id, requests] of byId) {
      expect(requests.length).toBe(1)
      const request = receiver.received.find((r) => r.id === id)!
      const event = verify(secret, request) as { id: string; type: string; tenantId: string; data: object }
      expect(event).toMatchObject({ id, type: "user.created" })
      // a tampered body does not verify
      expect(() => verify(secret, { ...request, body: request.body.replace("Pat", "Pam") })).toThrow()
    }
    // the refused attempts while it was down were recorded and retried
    const hooks = await api(server.url, token, "GET", "/v1/webhooks")
    const deliveries = await api(
      server.url,
      token,
      "GET",
      `/v1/webhooks/${hooks.body.items[0].id}/deliveries?limit=100`
    )
    const ours = deliveries.body.items.filter((d: { status: string }) => d.status === "delivered")
    expect(ours.length).toBeGreaterThanOrEqual(10)
    expect(Math.max(...ours.map((d: { attempts: number }) => d.attempts))).toBeGreaterThan(1)
  }, 60_000)

  it("after a rotation both secrets sign (either verifies); SIGTERM releases the claims in flight", async () => {
    const server = running[0]!
    const token = await tokenOf(server)
    const hooks = await api(server.url, token, "GET", "/v1/webhooks")
    const rotated = await api(
      server.url,
      token,
      "POST",
      `/v1/webhooks/${hooks.body.items[0].id}/rotate-secret`
    )
    expect(rotated.status).toBe(200)
    const fresh = rotated.body.secret as string
    receiver.setMode("hold")
    const userId = await change(server, token)
    await receiver.until(() => receivedFor([userId]).size === 1, 10_000, "the held delivery")
    const [request] = [...receivedFor([userId]).keys()].map(
      (id) => receiver.received.find((r) => r.id === id)!
    )
    expect(request!.signature.split(" ")).toHaveLength(2)
    expect(verify(fresh, request!)).toMatchObject({ type: "user.created" })
    expect(verify(secret, request!)).toMatchObject({ type: "user.created" })
    secret = fresh

    // The delivery is in flight (held by the receiver): a graceful stop gives its claim back (no lease left,
    // due again at once) instead of leaving it to its lease's expiry.
    const leaseOf = () =>
      onAdmin<{ status: string; lease: string | null; attempts: number }>(
        "SELECT status, lease, attempts FROM webhook_deliveries WHERE event_id = $1",
        [request!.id],
        env.DATABASE_URL
      )
    expect((await leaseOf())[0]).toMatchObject({ status: "pending", attempts: 0 })
    expect((await leaseOf())[0]?.lease).not.toBeNull()
    expect(await server.kill("SIGTERM")).toBe(0)
    expect(await leaseOf()).toEqual([{ status: "pending", lease: null, attempts: 0 }])
    running.shift()
    receiver.release()
    const before = receiver.received.length
    const restarted = await start()
    await receiver.until(allArrived([userId]), 20_000, "the released delivery")
    expect(receiver.received.length).toBeGreaterThan(before)
    expect(receiver.received.at(-1)!.id).toBe(request!.id)
    expect(restarted.output.text).not.toContain(fresh)
  }, 60_000)

  it("the server killed with SIGKILL mid-delivery and started again: every change arrives, exactly one per webhook-id", async () => {
    const server = running[0]!
    const token = await tokenOf(server)
    receiver.setMode("hold")
    const userIds: Array<string> = []
    for (let i = 0; i < 8; i++) userIds.push(await change(server, token))
    await receiver.until(() => receiver.held() >= 1, 10_000, "a delivery in flight")
    expect(await server.kill("SIGKILL")).toBeNull()
    running.shift()
    receiver.release()
    await start()
    await receiver.until(allArrived(userIds), 40_000, "delivery of all 8 changes after the crash")
    const byId = receivedFor(userIds)
    // at least once: de-duplicating by webhook-id leaves exactly one per change
    expect(byId.size).toBe(8)
    expect(new Set([...byId.values()].map((requests) => requests[0]!.userId)).size).toBe(8)
    for (const id of byId.keys()) verify(secret, receiver.received.find((r) => r.id === id)!)
  }, 90_000)

  it("two server processes on one database deliver each event once (every attempt answered)", async () => {
    const [a, b] = [running[0]!, await start()]
    const [ta, tb] = await Promise.all([tokenOf(a), tokenOf(b)])
    const userIds: Array<string> = []
    await Promise.all(
      Array.from({ length: 4 }, async (_, worker) => {
        for (let i = 0; i < 10; i++)
          userIds.push(await change(worker % 2 === 0 ? a : b, worker % 2 === 0 ? ta : tb))
      })
    )
    await receiver.until(allArrived(userIds), 30_000, "delivery of all 40 changes")
    await pause(1000)
    const byId = receivedFor(userIds)
    expect(byId.size).toBe(40)
    expect([...byId.values()].filter((requests) => requests.length !== 1)).toEqual([])
  }, 90_000)
})
