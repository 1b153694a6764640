import { performance } from "node:perf_hooks"
import { Argon2PasswordHasher } from "@gatehouse/adapters-crypto"
import { type Email, type TenantId, UserRepository } from "@gatehouse/domain"
import Fastify from "fastify"
import pg from "pg"
import type { BenchServer } from "./gatehouse.ts"
import type { LoadResult } from "./loadSpec.ts"
import { runChild, runLoad } from "./runLoad.ts"
import { aUser, login, PASSWORD, RARE, seedTenant } from "./seed.ts"
import type { Settings } from "./settings.ts"
import { repeat } from "./stats.ts"

const JSON_HEADERS = { "content-type": "application/json" }

const checked = (what: string, result: LoadResult): LoadResult => {
  if (result.requests === 0) throw new Error(`${what}: no request answered`)
  if (result.failures > 0) process.stderr.write(`  ${what}: ${result.failures} failed responses (counted)\n`)
  return result
}

/** Row 1: logins per second, rotating over the seeded accounts. */
export const loginLoad = (
  settings: Settings,
  server: BenchServer,
  slug: string,
  emails: ReadonlyArray<string>
) =>
  runLoad({
    url: `${server.url}/v1/auth/login`,
    method: "POST",
    headers: JSON_HEADERS,
    bodies: emails.map((email) => JSON.stringify({ tenant: slug, email, password: PASSWORD })),
    connections: settings.connections,
    duration: settings.duration
  }).then((result) => checked("login", result))

/** Row 1's baseline: argon2id verifies per second at the server's parameters, as many at once as connections. */
export const argon2Baseline = (settings: Settings) =>
  runChild<{ rps: number }>(
    "./argon2Loop.ts",
    {
      ...Argon2PasswordHasher.DEFAULT_OPTIONS,
      concurrency: settings.connections,
      duration: settings.duration
    },
    settings.duration + 60
  )

/** An authenticated GET (bearer token) under load. */
export const getLoad = (settings: Settings, url: string, token: string | undefined, what: string) =>
  runLoad({
    url,
    method: "GET",
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    connections: settings.connections,
    duration: settings.duration
  }).then((result) => checked(what, result))

/**
 * Row 2's baseline: a bare Fastify (no plugins, no logger) whose one route runs one SELECT by the (tenant, email) unique index on a
 * `pg.Pool` of the server's size (10) on the same database. Returns its URL and a stop function.
 */
export const startBareSelect = async (databaseUrl: string, tenantId: string, email: string) => {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 })
  const app = Fastify()
  app.get("/select", async () => {
    const result = await pool.query(
      "SELECT id, email, first_name, last_name FROM users WHERE tenant_id = $1 AND email = $2",
      [tenantId, email]
    )
    return result.rows[0]
  })
  const url = await app.listen({ host: "127.0.0.1", port: 0 })
  return {
    url: `${url}/select`,
    stop: async () => {
      await app.close()
      await pool.end()
    }
  }
}

/** Samples the process RSS every 100 ms while `during` runs; answers its peak in MB. */
export const peakRss = async <A>(during: Promise<A>): Promise<{ result: A; peakMb: number }> => {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 100)
  try {
    const result = await during
    return { result, peakMb: peak / 2 ** 20 }
  } finally {
    clearInterval(timer)
  }
}

/** Row 3's URLs: the first page of 50 (with total), and a rare-term search. */
export const listUrls = (server: BenchServer) => ({
  page: `${server.url}/v1/users?limit=50`,
  rare: `${server.url}/v1/users?limit=50&q=${RARE}`
})

/**
 * Row 4: `POST /v1/users/import` of `rows` invite-only users into a fresh tenant (one request, mode all), against
 * the adapter's `UserRepository.insertMany` of as many rows into another fresh tenant (the same statement the
 * import ends with, without HTTP, validation, invitations or audit). Rows per second, `runs` times each.
 */
export const importFigures = (settings: Settings, server: BenchServer) =>
  repeat(settings.runs, async (run) => {
    const slug = `import-${run}-${Date.now()}`
    await seedTenant(server, slug)
    const token = await login(server.url, slug, `admin@${slug}.example.com`)
    const rows = Array.from({ length: settings.importRows }, (_, i) => ({
      email: `invitee-${i}@${slug}.example.com`,
      firstName: `First${i % 1000}`,
      lastName: `Last${i}`,
      role: "Regular"
    }))
    const body = JSON.stringify({ rows })
    const started = performance.now()
    const response = await fetch(`${server.url}/v1/users/import`, {
      method: "POST",
      headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
      body
    })
    const text = await response.text()
    const importSeconds = (performance.now() - started) / 1000
    if (!response.ok) throw new Error(`import answered ${response.status}: ${text.slice(0, 500)}`)

    const raw = await seedTenant(server, `raw-${run}-${Date.now()}`)
    const users = Array.from({ length: settings.importRows }, (_, i) => ({
      ...aUser(raw.id as TenantId, i),
      email: `invitee-${i}@raw.example.com` as Email,
      status: "pending" as const
    }))
    const rawStarted = performance.now()
    await server.runtime.runPromise(UserRepository.use((repository) => repository.insertMany(users)))
    const rawSeconds = (performance.now() - rawStarted) / 1000
    return { gatehouse: settings.importRows / importSeconds, baseline: settings.importRows / rawSeconds }
  })
