/**
 * Webhook delivery figures (`npm run bench:webhooks -w @gatehouse/bench`): the built server in a child process on
 * a fresh PostgreSQL database dispatches to a receiver in this process on 127.0.0.1
 * (`GATEHOUSE_OUTBOUND_ALLOW=127.0.0.1`). Events are appended by this process through the adapter's `Outbox`
 * (as a use case's transaction does), so the commit instant and the receipt are read on one clock.
 *
 * 1. Latency on an idle server: `BENCH_HOOK_LATENCY_EVENTS` single-event transactions, one every 100 ms; commit
 *    (the transaction resolved) to receipt (the request's body read), p50/p99.
 * 2. Throughput of one process: `BENCH_HOOK_BURST` events committed in one transaction; first to last receipt.
 * 3. Idle cost: the server's CPU time (utime + stime) over 10 s with nothing to deliver.
 */
import { randomBytes, randomUUID } from "node:crypto"
import { readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { loadavg } from "node:os"
import { Database, layerPg } from "@gatehouse/adapters-postgres"
import { type ChangeEvent, Outbox, type TenantId } from "@gatehouse/domain"
import { Effect, Layer, ManagedRuntime } from "effect"
import { createRunDatabase } from "./database.ts"
import { buildServer, startServerProcess } from "./serverProcess.ts"
import { percentile } from "./stats.ts"

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
const LATENCY_EVENTS = Number(process.env.BENCH_HOOK_LATENCY_EVENTS ?? 200)
const BURST = Number(process.env.BENCH_HOOK_BURST ?? 5000)
const PASSWORD = "Tq8!Nebula-Crane-Vortex"

const pause = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))
const cpuMillis = (pid: number): number => {
  // utime and stime (fields 14 and 15) in clock ticks, 100 a second on Linux
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
  return (Number(fields[11]) + Number(fields[12])) * 10
}

const main = async () => {
  console.log(
    `load average at the start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`
  )
  await buildServer()
  const database = await createRunDatabase(ADMIN_URL)
  const received = new Map<string, number>()
  let onReceipt: () => void = () => undefined
  const receiver = createServer((request, response) => {
    request.resume()
    request.on("end", () => {
      received.set(String(request.headers["webhook-id"]), performance.now())
      response.writeHead(204).end()
      onReceipt()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
  const server = await startServerProcess({
    DATABASE_URL: database.url,
    GATEHOUSE_SECRET_KEY: randomBytes(32).toString("base64"),
    GATEHOUSE_LOG_LEVEL: "warn",
    GATEHOUSE_AUTH_RATE_LIMIT: "off",
    GATEHOUSE_OUTBOUND_ALLOW: "127.0.0.1",
    GATEHOUSE_BOOTSTRAP_TENANT: "bench-hooks",
    GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "ops@bench.test",
    GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: PASSWORD
  })
  const runtime = ManagedRuntime.make(layerPg({ connectionString: database.url }).pipe(Layer.orDie))
  try {
    const post = async (path: string, body: object, token?: string) => {
      const response = await fetch(`${server.url}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` })
        },
        body: JSON.stringify(body)
      })
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
      // biome-ignore lint/suspicious/noExplicitAny: the bench reads known answers
      return (await response.json()) as any
    }
    const login = await post("/v1/auth/login", {
      tenant: "bench-hooks",
      email: "ops@bench.test",
      password: PASSWORD
    })
    const tenantId = login.user.tenantId as TenantId
    await post("/v1/webhooks", { url: hookUrl, events: ["*"] }, login.token)

    const event = (): ChangeEvent =>
      ({
        id: randomUUID(),
        type: "user.updated",
        tenantId,
        occurredAt: new Date(),
        actor: { kind: "system", id: null },
        data: { id: randomUUID(), firstName: "Pat", lastName: "Doe", email: "pat@bench.test" }
      }) as unknown as ChangeEvent
    const commit = (events: ReadonlyArray<ChangeEvent>) =>
      runtime.runPromise(
        Effect.gen(function* () {
          const outbox = yield* Outbox
          yield* (yield* Database).transaction(
            Effect.forEach(events, (e) => outbox.append(e), { discard: true })
          )
        })
      )
    const arrived = (ids: ReadonlyArray<string>, millis: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not all ${ids.length} events arrived`)), millis)
        onReceipt = () => {
          if (ids.every((id) => received.has(id))) {
            clearTimeout(timer)
            resolve()
          }
        }
        onReceipt()
      })

    // 3. idle cost first, while nothing is pending
    await pause(2_000)
    const cpuBefore = cpuMillis(server.pid)
    await pause(10_000)
    const idleCpu = cpuMillis(server.pid) - cpuBefore

    // 1. latency, one event at a time on an otherwise idle server
    const latencies: Array<number> = []
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      const one = event()
      await commit([one])
      const committed = performance.now()
      await arrived([one.id], 10_000)
      latencies.push(received.get(one.id)! - committed)
      await pause(100)
    }
    latencies.sort((a, b) => a - b)

    // 2. a burst committed at once
    const burst = Array.from({ length: BURST }, event)
    await commit(burst)
    const burstCommitted = performance.now()
    await arrived(
      burst.map((e) => e.id),
      600_000
    )
    const times = burst.map((e) => received.get(e.id)!).sort((a, b) => a - b)
    const seconds = (times.at(-1)! - times[0]!) / 1000

    console.log(`\n| figure | value |\n| --- | --- |`)
    console.log(
      `| delivery latency p50, idle server (commit to receipt, ${LATENCY_EVENTS} events) | ${percentile(latencies, 50).toFixed(1)} ms |`
    )
    console.log(`| delivery latency p99, idle server | ${percentile(latencies, 99).toFixed(1)} ms |`)
    console.log(
      `| events per second, one process, ${BURST} committed at once (first to last receipt) | ${Math.round(BURST / seconds)} /s |`
    )
    console.log(
      `| commit of the burst to its last receipt | ${((times.at(-1)! - burstCommitted) / 1000).toFixed(1)} s |`
    )
    console.log(`| idle server CPU over 10 s (nothing due) | ${idleCpu} ms |`)
    console.log(
      `\nload average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`
    )
  } finally {
    await runtime.dispose()
    await server.stop()
    receiver.close()
    await database.drop()
  }
}

await main()
