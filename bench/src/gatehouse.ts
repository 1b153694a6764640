import { randomBytes } from "node:crypto"
import { gatehouse } from "@gatehouse/adapters-http"
import {
  type Config,
  layerServer,
  loadConfig,
  makeFastify,
  resolveSecrets,
  type Secrets,
  type ServerServices
} from "@gatehouse/server"
import { Layer, ManagedRuntime, References } from "effect"
import type { FastifyInstance } from "fastify"
import { startServerProcess } from "./serverProcess.ts"

/**
 * A Gatehouse server listening on 127.0.0.1, and a runtime on its store for seeding (the server's own runtime
 * when it runs in this process; one of this process on the same database when the server is a child process).
 */
export interface BenchServer {
  readonly url: string
  readonly runtime: ManagedRuntime.ManagedRuntime<ServerServices, never>
  /** The process serving HTTP (whose memory row 5 reads). */
  readonly pid: number
  readonly stop: () => Promise<void>
}

const quiet = {
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`[gatehouse] ${message}\n`)
}

/**
 * The server's environment in the bench: logs at warn (a line per request, or per invitation email of the log
 * mailer, would be measured too), and no per-IP rate limit on the auth routes (every request of the load
 * generator comes from 127.0.0.1: 30 logins a minute would be the figure otherwise). Secrets are set (a
 * fresh key and platform token per server), so nothing is generated into the data folder.
 */
const benchEnv = (store: { readonly databaseUrl?: string; readonly dataDir: string }) => ({
  GATEHOUSE_DATA_DIR: store.dataDir,
  GATEHOUSE_SECRET_KEY: randomBytes(32).toString("base64"),
  GATEHOUSE_PLATFORM_TOKEN: randomBytes(32).toString("base64url"),
  GATEHOUSE_LOG_LEVEL: "warn",
  GATEHOUSE_AUTH_RATE_LIMIT: "off",
  ...(store.databaseUrl === undefined ? {} : { DATABASE_URL: store.databaseUrl })
})

/** The production layers (`layerServer`) on `config`'s store, Effect's logs at Warn (see `benchEnv`). */
const storeRuntime = (config: Config, secrets: Secrets) =>
  ManagedRuntime.make(
    Layer.mergeAll(
      layerServer(config, secrets.keyRing, quiet),
      Layer.succeed(References.MinimumLogLevel, "Warn")
    ).pipe(Layer.orDie)
  )

/**
 * The production composition (`layerServer`, `makeFastify`, the `gatehouse` plugin with the configured rate
 * limit) in this process, as `createServer` builds it (without the first-start step). Used for PGlite, which
 * one process owns, by the development scripts, and by the per-layer breakdown (`extend` adds its routes after
 * the plugin's, under the same hooks).
 */
export const startGatehouse = async (
  store: {
    readonly databaseUrl?: string
    readonly dataDir: string
  },
  extend?: (
    app: FastifyInstance,
    runtime: ManagedRuntime.ManagedRuntime<ServerServices, never>
  ) => Promise<void>
): Promise<BenchServer> => {
  const config = loadConfig({ ...benchEnv(store), PORT: "0", HOST: "127.0.0.1" })
  const secrets = resolveSecrets(config, quiet)
  const runtime = storeRuntime(config, secrets)
  await runtime.context()
  const app = makeFastify(config)
  app.addHook("onClose", () => runtime.dispose())
  await app.register(gatehouse, {
    runtime,
    platformToken: secrets.platformToken,
    rateLimit: config.authRateLimit
  })
  await extend?.(app, runtime)
  const url = await app.listen({ host: "127.0.0.1", port: 0 })
  return { url, runtime, pid: process.pid, stop: () => app.close() }
}

/**
 * Gatehouse for PostgreSQL from `apps/server/dist/main.js` in a child process (built beforehand, see
 * serverProcess.ts), configured by environment variables only; seeding goes through a runtime of this process
 * on the same database (and the same secrets), so the server's memory is its own.
 */
export const startGatehouseProcess = async (store: {
  readonly databaseUrl: string
  readonly dataDir: string
}): Promise<BenchServer> => {
  const env = benchEnv(store)
  // The server migrates the new database first; this process's runtime then finds the schema current.
  const child = await startServerProcess(env)
  const config = loadConfig(env)
  const runtime = storeRuntime(config, resolveSecrets(config, quiet))
  try {
    await runtime.context()
  } catch (error) {
    await child.stop()
    throw error
  }
  return {
    url: child.url,
    runtime,
    pid: child.pid,
    stop: async () => {
      await runtime.dispose()
      await child.stop()
    }
  }
}
