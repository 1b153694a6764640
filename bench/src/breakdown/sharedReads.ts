/**
 * Issue 17: what a read route's shared transaction costs per call, with and without `mostlyReads`, measured
 * call by call instead of under load (on a shared machine the load figures of row 8 spread 2x from run to run).
 * Without the option the statements are those of before: `GET /v1/me` reads [session] [BEGIN + tenant, actor]
 * [COMMIT]; with it (as the route declares it now): [session] [BEGIN READ ONLY + tenant, actor, COMMIT].
 * Likewise `GET /v1/users?limit=50`'s use case (session, actor, page, total). `meOfSession` is `GET /v1/me` as
 * the route runs it since migration 21: `getMeOfSession`, one statement (its `mostlyReads` column means nothing).
 *
 * The production composition in this process (`startGatehouse`) on a fresh database, one tenant with
 * `SHARED_READS_USERS` users; then `SHARED_READS_CALLS` sequential calls of each variant through the server's
 * runtime, alternated `SHARED_READS_ROUNDS` times. Per call: wall time, this process's CPU
 * (`process.cpuUsage`) and the run database's PostgreSQL backends' CPU (`/proc/<pid>/stat`).
 *
 * node --experimental-transform-types --conditions=@gatehouse/source src/breakdown/sharedReads.ts
 */
import { mkdtempSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import {
  authenticateSession,
  getMe,
  getMeOfSession,
  listUsers,
  type TenantId,
  Transactor
} from "@gatehouse/domain"
import { Effect } from "effect"
import { createRunDatabase, vacuumAnalyze } from "../database.ts"
import { startGatehouse } from "../gatehouse.ts"
import { login, seedTenant, seedUsers } from "../seed.ts"
import { backendTicks, backendTicksBetween, microsPerRequest } from "./cpuTicks.ts"

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
const calls = Number(process.env.SHARED_READS_CALLS ?? 3000)
const rounds = Number(process.env.SHARED_READS_ROUNDS ?? 3)
const users = Number(process.env.SHARED_READS_USERS ?? 10_000)

const database = await createRunDatabase(adminUrl)
const databaseName = new URL(database.url).pathname.slice(1)
const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-shared-reads-"))
const server = await startGatehouse({ databaseUrl: database.url, dataDir })
try {
  const tenant = await seedTenant(server, "shared-reads")
  await seedUsers(server, tenant.id as TenantId, users)
  await vacuumAnalyze(database.url)
  const token = await login(server.url, "shared-reads", "admin@shared-reads.example.com")

  const shared = <A, E, R>(effect: Effect.Effect<A, E, R>, mostlyReads: boolean) =>
    Transactor.use((transactor) => transactor.withTransaction(effect, { mostlyReads }))
  // the answers are dropped: both variants are one type of effect
  const variants = {
    me: (mostlyReads: boolean) =>
      shared(Effect.asVoid(Effect.flatMap(authenticateSession(token), getMe)), mostlyReads),
    meOfSession: (_mostlyReads: boolean) => Effect.asVoid(getMeOfSession(token)),
    users: (mostlyReads: boolean) =>
      shared(
        Effect.asVoid(Effect.flatMap(authenticateSession(token), (actor) => listUsers(actor, { limit: 50 }))),
        mostlyReads
      )
  }

  const measure = async (name: keyof typeof variants, mostlyReads: boolean) => {
    const one = variants[name](mostlyReads)
    const loop = Effect.repeat(one, { times: calls - 1 })
    await server.runtime.runPromise(Effect.repeat(one, { times: 99 })) // warm: plans, JIT
    const ticks = backendTicks(databaseName)
    const cpu = process.cpuUsage()
    const start = performance.now()
    await server.runtime.runPromise(loop)
    const wall = ((performance.now() - start) * 1000) / calls
    const used = process.cpuUsage(cpu)
    const postgres = microsPerRequest(backendTicksBetween(ticks, backendTicks(databaseName)), calls)
    return { wall, node: (used.user + used.system) / calls, postgres }
  }

  const format = (n: number) => n.toFixed(0).padStart(5)
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")
  process.stdout.write(`${calls} sequential calls per figure, ${users} users; load average ${load}\n`)
  process.stdout.write("round variant       mostlyReads  wall us  node CPU us  PostgreSQL CPU us\n")
  for (let round = 1; round <= rounds; round++) {
    for (const name of ["me", "meOfSession", "users"] as const) {
      for (const mostlyReads of name === "meOfSession" ? [true] : [false, true]) {
        const figure = await measure(name, mostlyReads)
        process.stdout.write(
          `${String(round).padStart(5)} ${name.padEnd(13)} ${String(mostlyReads).padEnd(11)} ${format(figure.wall)}    ${format(figure.node)}        ${format(figure.postgres)}\n`
        )
      }
    }
  }
} finally {
  await server.stop()
  await database.drop()
  rmSync(dataDir, { recursive: true, force: true })
}
