/**
 * The per-layer breakdown's server, a child process of the bench (src/breakdown/breakdown.ts). One process
 * serves every layer, so their figures share the process, the CPU and the moment:
 * - a bare Fastify (no plugins, no logger) with `/bare` (the `/v1/me` body, already encoded, as a plain
 *   object) and `/bare-select` (row 2's baseline: one SELECT on a `pg.Pool` of 10);
 * - Gatehouse as `startGatehouse` composes it (the production layers, `makeFastify`, the plugin and its hooks)
 *   with two more routes registered by the plugin's own `registerRoute`: `/bench/noop` (no authentication:
 *   decode, the Effect runtime, encode with the `Me` schema, no database) and `/bench/session` (the same plus
 *   the session check), next to the real `GET /v1/me` (and `POST /v1/auth/login`, the login breakdown);
 * - on the bare Fastify, `/bare-argon2` (POST): one `@node-rs/argon2` verify of the bench password against a hash
 *   made with the server's parameters (`Argon2PasswordHasher.DEFAULT_OPTIONS`), on the same libuv thread pool
 *   as the server's logins: a login's hash behind HTTP, without the database.
 * Argument (JSON): { databaseUrl, dataDir, tenantId, email, token }. Prints one JSON line
 * `{ bareUrl, gatehouseUrl }` when listening. Commands on stdin, one a line: `profile-start`,
 * `profile-stop <file>` (the V8 CPU profiler, as `--cpu-prof` writes it; answers `profiled` on stdout).
 */
import { writeFileSync } from "node:fs"
import { Session } from "node:inspector/promises"
import { createInterface } from "node:readline"
import { Argon2PasswordHasher } from "@gatehouse/adapters-crypto"
import { authenticateSession, getMe, Me } from "@gatehouse/domain"
import { hash, verify } from "@node-rs/argon2"
import { Effect, Schema } from "effect"
import Fastify from "fastify"
import pg from "pg"
import { registerRoute } from "../../../packages/adapters-http/src/routes/route.ts"
import { startGatehouse } from "../gatehouse.ts"
import { PASSWORD } from "../seed.ts"

interface Argument {
  readonly databaseUrl: string
  readonly dataDir: string
  readonly tenantId: string
  readonly email: string
  readonly token: string
}

const argument = JSON.parse(process.argv[2] ?? "{}") as Argument
let me: Me | undefined

const server = await startGatehouse(
  { databaseUrl: argument.databaseUrl, dataDir: argument.dataDir },
  async (app, runtime) => {
    const actor = await runtime.runPromise(authenticateSession(argument.token))
    me = await runtime.runPromise(getMe(actor))
    const value = me
    const deps = {
      runtime,
      platformToken: undefined,
      secureCookies: false,
      rateLimit: false as const,
      importBodyLimit: 1024 * 1024
    }
    registerRoute(app, deps, {
      method: "GET",
      url: "/bench/noop",
      tag: "bench",
      summary: "The route machinery alone",
      auth: "none",
      response: Me,
      handle: () => Effect.succeed(value)
    })
    registerRoute(app, deps, {
      method: "GET",
      url: "/bench/session",
      tag: "bench",
      summary: "The route machinery and the session check",
      auth: "session",
      response: Me,
      handle: () => Effect.succeed(value)
    })
  }
)

const encoded = Schema.encodeSync(Me)(me!)
const pool = new pg.Pool({ connectionString: argument.databaseUrl, max: 10 })
pool.on("error", () => undefined)
const bare = Fastify()
bare.get("/bare", async () => encoded)
bare.get("/bare-select", async () => {
  const result = await pool.query(
    "SELECT id, email, first_name, last_name FROM users WHERE tenant_id = $1 AND email = $2",
    [argument.tenantId, argument.email]
  )
  return result.rows[0]
})
const stored = await hash(PASSWORD, Argon2PasswordHasher.DEFAULT_OPTIONS)
bare.post("/bare-argon2", async () => ({ valid: await verify(stored, PASSWORD) }))
const bareUrl = await bare.listen({ host: "127.0.0.1", port: 0 })

const profiler = new Session()
profiler.connect()
const lines = createInterface({ input: process.stdin })
lines.on("line", async (line) => {
  const [command, file] = line.trim().split(" ", 2)
  if (command === "profile-start") {
    await profiler.post("Profiler.enable")
    await profiler.post("Profiler.setSamplingInterval", { interval: 200 })
    await profiler.post("Profiler.start")
  } else if (command === "profile-stop" && file !== undefined) {
    const { profile } = await profiler.post("Profiler.stop")
    writeFileSync(file, JSON.stringify(profile))
    process.stdout.write("profiled\n")
  }
})
const stop = async () => {
  lines.close()
  await bare.close()
  await pool.end()
  await server.stop()
  process.exit(0)
}
process.once("SIGTERM", () => void stop())
process.stdout.write(`${JSON.stringify({ bareUrl, gatehouseUrl: server.url })}\n`)
