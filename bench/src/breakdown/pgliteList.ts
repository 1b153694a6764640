/**
 * Issue 17, row 7: where a `GET /v1/users?limit=50` goes on PGlite, call by call. The production composition in
 * this process on a fresh PGlite folder, `PGLITE_LIST_USERS` users (10,000), then `PGLITE_LIST_CALLS` sequential
 * HTTP requests of the list (and of `/v1/me`): wall time and this process's CPU per request (PGlite runs in
 * this process, so that is all of it). `PGLITE_LIST_STATEMENTS=1` also times each statement the driver sends.
 *
 * node --experimental-transform-types --no-warnings --conditions=@gatehouse/source src/breakdown/pgliteList.ts
 */
import { mkdtempSync, rmSync } from "node:fs"
import { Session } from "node:inspector/promises"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import type { TenantId } from "@gatehouse/domain"
import pg from "pg"
import { startGatehouse } from "../gatehouse.ts"
import { login, seedTenant, seedUsers } from "../seed.ts"
import { type CpuProfile, summarizeProfile } from "./profileSummary.ts"

const calls = Number(process.env.PGLITE_LIST_CALLS ?? 300)
const rounds = Number(process.env.PGLITE_LIST_ROUNDS ?? 3)
const users = Number(process.env.PGLITE_LIST_USERS ?? 10_000)
const statements = process.env.PGLITE_LIST_STATEMENTS === "1"
/** Profiles the list's requests of the first round and prints their self time by place and function. */
const profile = process.env.PGLITE_LIST_PROFILE === "1"

const timings = new Map<string, { n: number; ms: number }>()
let timing = false
if (statements) {
  const original = pg.Client.prototype.query as (...args: Array<unknown>) => Promise<unknown>
  pg.Client.prototype.query = function (this: pg.Client, ...args: Array<unknown>) {
    const first = args[0] as string | { text: string }
    const text = (typeof first === "string" ? first : first.text).replace(/\s+/g, " ").slice(0, 90)
    const start = process.cpuUsage()
    const result = original.apply(this, args)
    if (!timing || !(result instanceof Promise)) return result
    return result.finally(() => {
      const entry = timings.get(text) ?? { n: 0, ms: 0 }
      const used = process.cpuUsage(start)
      entry.n++
      entry.ms += (used.user + used.system) / 1000
      timings.set(text, entry)
    })
  } as typeof pg.Client.prototype.query
}

const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-pglite-list-"))
const server = await startGatehouse({ dataDir })
try {
  const tenant = await seedTenant(server, "pglite-list")
  await seedUsers(server, tenant.id as TenantId, users)
  const token = await login(server.url, "pglite-list", "admin@pglite-list.example.com")
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
    if (!response.ok) throw new Error(`${path}: ${response.status}`)
    await response.arrayBuffer()
  }
  const profiler = new Session()
  profiler.connect()
  const measure = async (path: string, profiled: boolean) => {
    for (let i = 0; i < 30; i++) await get(path) // warm: plans, JIT
    if (profiled) {
      await profiler.post("Profiler.enable")
      await profiler.post("Profiler.setSamplingInterval", { interval: 200 })
      await profiler.post("Profiler.start")
    }
    timing = true
    const cpu = process.cpuUsage()
    const start = performance.now()
    for (let i = 0; i < calls; i++) await get(path)
    const wall = ((performance.now() - start) * 1000) / calls
    const used = process.cpuUsage(cpu)
    timing = false
    if (profiled) {
      const { profile } = await profiler.post("Profiler.stop")
      const summary = summarizeProfile(profile as CpuProfile, 25)
      process.stdout.write(`profile of ${path}: ${summary.busyMs.toFixed(0)} ms busy\n`)
      for (const { name, ms, share } of [...summary.places, ...summary.functions])
        process.stdout.write(
          `  ${(share * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${name}\n`
        )
    }
    return { wall, cpu: (used.user + used.system) / calls }
  }
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")
  process.stdout.write(`${calls} sequential requests per figure, ${users} users; load average ${load}\n`)
  process.stdout.write("round path                     wall us  process CPU us\n")
  for (let round = 1; round <= rounds; round++) {
    for (const path of ["/v1/users?limit=50", "/v1/me"]) {
      const figure = await measure(path, profile && round === 1 && path.startsWith("/v1/users"))
      process.stdout.write(
        `${String(round).padStart(5)} ${path.padEnd(24)} ${figure.wall.toFixed(0).padStart(7)}  ${figure.cpu.toFixed(0).padStart(7)}\n`
      )
    }
  }
  if (statements) {
    const total = rounds * calls
    process.stdout.write(
      "\nper request (both paths): statement, calls per request, process CPU us per request (from send to answer)\n"
    )
    for (const [text, { n, ms }] of [...timings].sort((a, b) => b[1].ms - a[1].ms))
      process.stdout.write(
        `${((ms * 1000) / total).toFixed(0).padStart(6)} us  ${(n / total).toFixed(2)}x  ${text}\n`
      )
  }
} finally {
  await server.stop()
  if (process.env.PGLITE_LIST_KEEP === undefined) rmSync(dataDir, { recursive: true, force: true })
  else process.stdout.write(`kept ${dataDir}\n`)
}
