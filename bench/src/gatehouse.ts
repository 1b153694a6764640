import { gatehouse } from "@gatehouse/adapters-http"
import { layerServer, loadConfig, makeFastify, resolveSecrets, type ServerServices } from "@gatehouse/server"
import { Layer, ManagedRuntime, References } from "effect"
import type { FastifyInstance } from "fastify"

/** A Gatehouse server listening on 127.0.0.1 (random port). */
export interface BenchServer {
  readonly url: string
  readonly app: FastifyInstance
  readonly runtime: ManagedRuntime.ManagedRuntime<ServerServices, never>
  readonly stop: () => Promise<void>
}

const quiet = {
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`[gatehouse] ${message}\n`)
}

/**
 * The production composition (`layerServer`, `makeFastify`, the `gatehouse` plugin) as `createServer` builds it,
 * with one difference: the per-IP rate limit of the auth routes is off, since every request of the load
 * generator comes from 127.0.0.1 (30 logins a minute would be the figure otherwise). `createServer` takes no
 * such option yet. Logging (pino and Effect's) at warn: a line per
 * request, or per invitation email of the log mailer, would be measured too.
 */
export const startGatehouse = async (store: { readonly databaseUrl?: string; readonly dataDir: string }) => {
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    GATEHOUSE_DATA_DIR: store.dataDir,
    GATEHOUSE_LOG_LEVEL: "warn",
    ...(store.databaseUrl === undefined ? {} : { DATABASE_URL: store.databaseUrl })
  })
  const secrets = resolveSecrets(config, quiet)
  // Effect's logs at Warn too: the log mailer (no SMTP_URL) would otherwise print every invitation of an import.
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      layerServer(config, secrets.keyRing, quiet),
      Layer.succeed(References.MinimumLogLevel, "Warn")
    ).pipe(Layer.orDie)
  )
  await runtime.context()
  const app = makeFastify(config)
  app.addHook("onClose", () => runtime.dispose())
  await app.register(gatehouse, { runtime, platformToken: secrets.platformToken, rateLimit: false })
  const url = await app.listen({ host: "127.0.0.1", port: 0 })
  const server: BenchServer = { url, app, runtime, stop: () => app.close() }
  return server
}
