import { performance } from "node:perf_hooks"
import { Redacted } from "effect"
import type { FirstStart } from "./bootstrap.ts"
import { type Config, type Env, loadConfig } from "./config.ts"
import { createServer, type Server, StartFailed } from "./server.ts"

/** A listening server. */
export interface Running {
  readonly server: Server
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  readonly url: string
  /** Graceful stop: no new connections, in-flight requests finish, then the runtime and the pool close. */
  readonly stop: () => Promise<void>
}

/**
 * The once-only message of a first start, for the person who just ran `npm start`: where the console is and
 * what to type into its sign-in page (the generated password is shown here and nowhere else: not in the logs,
 * not in the store), then where the API's docs are.
 */
export const firstStartBanner = (
  first: FirstStart,
  url: string,
  consoleServed = true
): string | undefined => {
  if (first._tag === "Nothing") return undefined
  const lines = [
    consoleServed
      ? `Open the console: ${url}`
      : `No built console: sign in through the API, POST ${url}/v1/auth/login`,
    first._tag === "Demo"
      ? "Sign in as the demo tenant's admin (shown ONCE, nowhere else):"
      : `Sign in as the admin of "${first.tenant.slug}" (created from GATEHOUSE_BOOTSTRAP_*):`,
    `  tenant:   ${first.tenant.slug}`,
    `  email:    ${first.email}`,
    first.password === undefined
      ? "  password: the one in GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD"
      : `  password: ${Redacted.value(first.password)}   (temporary: you choose your own at first sign-in)`,
    `API docs: ${url}/docs (the OpenAPI document: /openapi.json)`
  ]
  const width = Math.max(...lines.map((line) => line.length)) + 2
  const rule = "=".repeat(width)
  return ["", rule, ...lines, rule, ""].join("\n")
}

// The usual reasons a listen fails, as a line naming the variable to change.
const listenFailure = (config: Config, error: unknown): Error => {
  const code = (error as NodeJS.ErrnoException).code
  if (code === "EADDRINUSE")
    return new StartFailed(`PORT: ${config.port} is already in use on ${config.host}`)
  if (code === "EACCES") return new StartFailed(`PORT: ${config.port} needs privileges this process lacks`)
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
    return new StartFailed(`HOST: ${config.host} is not an address of this machine`)
  }
  return error instanceof Error ? error : new Error(String(error))
}

/**
 * Composes and starts the server on `HOST`:`PORT`, prints the first-start banner to `out`, and logs where it
 * listens, where the docs are and how long the start took.
 */
export const startServer = async (
  config: Config,
  env: Env = {},
  out: (text: string) => void = (text) => process.stdout.write(`${text}\n`)
): Promise<Running> => {
  const began = performance.now()
  const server = await createServer(config, env)
  let url: string
  try {
    url = await server.app.listen({ host: config.host, port: config.port })
  } catch (error) {
    await server.app.close().catch(() => undefined)
    throw listenFailure(config, error)
  }
  const banner = firstStartBanner(server.firstStart, url, server.consoleDir !== undefined)
  if (banner !== undefined) out(banner)
  const consoleAt = server.consoleDir === undefined ? "" : ` Console: ${url},`
  server.app.log.info(
    `Gatehouse listening on ${url} (started in ${Math.round(performance.now() - began)} ms).${consoleAt} API docs: ${url}/docs`
  )
  return { server, url, stop: () => server.app.close() }
}

/** `loadConfig(env)` then `startServer`: what `gatehouse serve` runs. */
export const startFromEnv = (env: Env): Promise<Running> => startServer(loadConfig(env), env)
