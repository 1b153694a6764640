import { Argon2PasswordHasher } from "@gatehouse/adapters-crypto"
import Fastify from "fastify"
import pg from "pg"
import type { BenchServer } from "./gatehouse.ts"
import type { LoadResult } from "./loadSpec.ts"
import { runChild, runLoad } from "./runLoad.ts"
import { PASSWORD, RARE } from "./seed.ts"
import type { Settings } from "./settings.ts"

const JSON_HEADERS = { "content-type": "application/json" }

const checked = (what: string, result: LoadResult): LoadResult => {
  if (result.requests === 0) throw new Error(`${what}: no request answered`)
  if (result.failures > 0) process.stderr.write(`  ${what}: ${result.failures} failed responses (counted)\n`)
  return result
}

/** Row 1: logins per second, rotating over the seeded accounts (`path`: the login route by default). */
export const loginLoad = (
  settings: Settings,
  server: Pick<BenchServer, "url">,
  slug: string,
  emails: ReadonlyArray<string>,
  path = "/v1/auth/login"
) =>
  runLoad({
    url: `${server.url}${path}`,
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
  // An idle client's error (e.g. the run's database dropped while the pool winds down) must not crash the run.
  pool.on("error", () => undefined)
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

/** Row 3's URLs: the first page of 50 (with total), and a rare-term search. */
export const listUrls = (server: { readonly url: string }) => ({
  page: `${server.url}/v1/users?limit=50`,
  rare: `${server.url}/v1/users?limit=50&q=${RARE}`
})
