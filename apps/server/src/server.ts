import { resolve } from "node:path"
import { performance } from "node:perf_hooks"
import {
  gatehouse,
  gatehouseFrameworkErrors,
  gatehouseLogRedaction,
  gatehouseLogSerializers,
  gatehouseRequestId
} from "@gatehouse/adapters-http"
import { Database } from "@gatehouse/adapters-postgres"
import { Effect, Layer, ManagedRuntime } from "effect"
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify"
import { type FirstStart, firstStart } from "./bootstrap.ts"
import { type Config, type Env, unknownVariables } from "./config.ts"
import { defaultConsoleDir, mountConsole } from "./console.ts"
import {
  dataPaths,
  lockDataDir,
  resolveSecrets,
  type Secrets,
  type StartLog,
  warnIfFolderShared
} from "./dataDir.ts"
import { layerServer, type ServerServices } from "./layers.ts"
import { type LogFormat, layerPinoLogger, logFormat, prettyLogStream } from "./logging.ts"

/** A composed, ready (not yet listening) server. */
export interface Server {
  readonly app: FastifyInstance
  readonly runtime: ManagedRuntime.ManagedRuntime<ServerServices, never>
  readonly config: Config
  readonly secrets: Secrets
  /** What the first-start step did (credentials to print once, or nothing). */
  readonly firstStart: FirstStart
  /** The folder the console is served from, or undefined: no built console there (the API alone). */
  readonly consoleDir: string | undefined
}

/** Starting failed for a reason the operator can act on; `message` says which. */
export class StartFailed extends Error {
  override readonly name = "StartFailed"
}

const startLog = (log: FastifyBaseLogger): StartLog => ({
  info: (message) => log.info(message),
  warn: (message) => log.warn(message)
})

// A hop count becomes the function Fastify's types accept (its runtime takes the number alike).
const trustProxyOption = (
  trust: Config["trustProxy"]
): boolean | string | ((address: string, hop: number) => boolean) =>
  typeof trust === "number" ? (_address, hop) => hop < trust : trust

/**
 * Fastify with pino (readable lines on a terminal, JSON lines otherwise, or `destination`; credentials redacted
 * by the HTTP adapter's paths, query values left out by its serializers), plain bounded request ids, the
 * router's own refusals as problem documents, and a strict Ajv (the options the HTTP adapter's README asks for).
 */
export const makeFastify = (
  config: Config,
  format: LogFormat = logFormat(process.stdout),
  destination?: NodeJS.WritableStream
): FastifyInstance =>
  Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: [...gatehouseLogRedaction.paths], censor: gatehouseLogRedaction.censor },
      // a request is logged by its path and parameter names, never the query's values
      serializers: gatehouseLogSerializers,
      ...(format === "pretty"
        ? { stream: prettyLogStream(destination) }
        : destination === undefined
          ? {}
          : { stream: destination })
    },
    // the client's X-Request-Id only when bounded and plain, else a new one (read by gatehouseRequestId)
    requestIdHeader: false,
    genReqId: gatehouseRequestId,
    trustProxy: trustProxyOption(config.trustProxy),
    frameworkErrors: gatehouseFrameworkErrors,
    // The HTTP adapter validates with Effect Schemas; any schema Ajv does compile must refuse unknown
    // properties, not strip them (Ajv's default in Fastify).
    ajv: { customOptions: { removeAdditional: false } }
  })

const readiness = (runtime: ManagedRuntime.ManagedRuntime<ServerServices, never>) => () =>
  runtime.runPromise(
    Database.use((db) => db.query(null, "SELECT 1")).pipe(
      Effect.timeout("2 seconds"),
      Effect.as(true),
      Effect.catch(() => Effect.succeed(false))
    )
  )

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Composes the server: reads or generates the secrets, opens and migrates the store (locking the PGlite
 * folder), runs the first-start step, and registers the API on Fastify. The one `ManagedRuntime` is disposed
 * in Fastify's `onClose` (after in-flight requests finished), which closes the pool; `app.close()` is the
 * whole shutdown.
 */
export const createServer = async (config: Config, env: Env = {}): Promise<Server> => {
  const app = makeFastify(config)
  const log = startLog(app.log)
  for (const name of unknownVariables(env)) log.warn(`${name} is not a Gatehouse variable: ignored (a typo?)`)
  const secrets = resolveSecrets(config, log)
  const unlock = config.databaseUrl === undefined ? lockDataDir(config.dataDir) : () => undefined
  if (config.databaseUrl === undefined) warnIfFolderShared(config.dataDir, log)

  // A store that cannot be opened (or an SMTP URL nodemailer refuses) is a defect of the layer here, reported
  // below as a start failure: past this point the runtime cannot fail, which the HTTP adapter relies on.
  // The logger is provided to the composition too: the fibers its layers fork (the webhook dispatcher, the
  // membership sweeper) log through pino, not Effect's default console logger.
  const logger = layerPinoLogger(app.log)
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(layerServer(config, secrets.keyRing, log).pipe(Layer.provide(logger)), logger).pipe(
      Layer.orDie
    )
  )
  const fail = async (message: string): Promise<never> => {
    await runtime.dispose().catch(() => undefined)
    unlock()
    await app.close().catch(() => undefined)
    throw new StartFailed(message)
  }
  const opening = performance.now()
  try {
    await runtime.context()
    log.info(
      `Database ready (${config.databaseUrl === undefined ? `PGlite in ${dataPaths(config.dataDir).pglite}` : "DATABASE_URL"}, schema migrated) in ${Math.round(performance.now() - opening)} ms`
    )
  } catch (error) {
    return fail(
      (error as { readonly _tag?: string })._tag === "InvalidSmtpUrl"
        ? `SMTP_URL: ${messageOf(error)}`
        : config.databaseUrl === undefined
          ? `Cannot open the embedded database in ${config.dataDir}: ${messageOf(error)}`
          : `DATABASE_URL: cannot open the database (${messageOf(error)})`
    )
  }
  let first: FirstStart
  try {
    first = await runtime.runPromise(firstStart(config.bootstrap))
  } catch (error) {
    return fail(messageOf(error))
  }

  // Fastify closes the HTTP server first (no new connections; in-flight requests finish), then runs this.
  app.addHook("onClose", async () => {
    await runtime.dispose()
    unlock()
  })
  // A keep-alive connection whose request was in flight at shutdown would stay open after its response until
  // the keep-alive timeout, holding the close (and SIGTERM) for over a minute: such responses close it.
  let closing = false
  app.addHook("preClose", async () => {
    closing = true
  })
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close")
  })
  const consoleDir = resolve(config.consoleDir ?? defaultConsoleDir())
  let hasConsole = false
  try {
    await app.register(gatehouse, {
      runtime,
      platformToken: secrets.platformToken,
      secureCookies: config.publicUrl.startsWith("https:"),
      // the console's origin: a cookie-authenticated write must come from it (CSRF)
      allowedOrigin: new URL(config.publicUrl).origin,
      rateLimit: config.authRateLimit,
      isReady: readiness(runtime)
    })
    hasConsole = await mountConsole(app, consoleDir, log)
    await app.ready()
  } catch (error) {
    await app.close().catch(() => undefined)
    throw error
  }
  return { app, runtime, config, secrets, firstStart: first, consoleDir: hasConsole ? consoleDir : undefined }
}
