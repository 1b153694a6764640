/**
 * Issue 17: what a login costs beyond its argon2 verify, measured call by call (on the shared machine the load
 * figures of row 1 spread 2x and more from run to run). The production composition in this process
 * (`startGatehouse`, argon2 at the server's parameters) on a fresh database, one tenant with 20 login accounts;
 * then, alternated `LOGIN_CALLS_ROUNDS` times: `LOGIN_CALLS_CALLS` sequential logins through the server's runtime
 * (the use case the route runs, rotating over the accounts, one client address), and as many sequential argon2
 * verifies of the same password and hash alone. Per call: wall time, this process's CPU (`process.cpuUsage`:
 * the libuv pool's argon2 threads included) and the run database's PostgreSQL backends' CPU
 * (`/proc/<pid>/stat`). Login minus verify is what the login adds to its hash.
 *
 * node --experimental-transform-types --conditions=@gatehouse/source src/breakdown/loginCalls.ts
 */
import { mkdtempSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { Argon2PasswordHasher } from "@gatehouse/adapters-crypto"
import { login, type TenantId } from "@gatehouse/domain"
import { hash, verify } from "@node-rs/argon2"
import { Redacted } from "effect"
import { createRunDatabase } from "../database.ts"
import { startGatehouse } from "../gatehouse.ts"
import { PASSWORD, seedLoginAccounts, seedTenant } from "../seed.ts"
import { backendTicks, backendTicksBetween, microsPerRequest } from "./cpuTicks.ts"

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
const calls = Number(process.env.LOGIN_CALLS_CALLS ?? 300)
const rounds = Number(process.env.LOGIN_CALLS_ROUNDS ?? 3)

const database = await createRunDatabase(adminUrl)
const databaseName = new URL(database.url).pathname.slice(1)
const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-login-calls-"))
const server = await startGatehouse({ databaseUrl: database.url, dataDir })
try {
  const tenant = await seedTenant(server, "login-calls")
  const emails = await seedLoginAccounts(server, tenant.id as TenantId, 20)
  const stored = await hash(PASSWORD, Argon2PasswordHasher.DEFAULT_OPTIONS)
  const origin = { clientAddress: "127.0.0.1" }

  const variants = {
    login: async (i: number) => {
      await server.runtime.runPromise(
        login(
          { tenant: "login-calls", email: emails[i % emails.length]!, password: Redacted.make(PASSWORD) },
          origin
        )
      )
    },
    verify: async () => {
      if (!(await verify(stored, PASSWORD))) throw new Error("verify refused the right password")
    }
  }

  const measure = async (name: keyof typeof variants) => {
    for (let i = 0; i < 20; i++) await variants[name](i) // warm: plans, JIT
    const ticks = backendTicks(databaseName)
    const cpu = process.cpuUsage()
    const start = performance.now()
    for (let i = 0; i < calls; i++) await variants[name](i)
    const wall = ((performance.now() - start) * 1000) / calls
    const used = process.cpuUsage(cpu)
    const postgres = microsPerRequest(backendTicksBetween(ticks, backendTicks(databaseName)), calls)
    return { wall, node: (used.user + used.system) / calls, postgres }
  }

  const format = (n: number) => n.toFixed(0).padStart(6)
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")
  process.stdout.write(`${calls} sequential calls per figure; load average ${load()}\n`)
  process.stdout.write("round variant  wall us  node CPU us  PostgreSQL CPU us\n")
  for (let round = 1; round <= rounds; round++) {
    for (const name of ["login", "verify"] as const) {
      const figure = await measure(name)
      process.stdout.write(
        `${String(round).padStart(5)} ${name.padEnd(7)} ${format(figure.wall)}   ${format(figure.node)}       ${format(figure.postgres)}\n`
      )
    }
  }
  process.stdout.write(`load average at the end ${load()}\n`)
} finally {
  await server.stop()
  await database.drop()
  rmSync(dataDir, { recursive: true, force: true })
}
