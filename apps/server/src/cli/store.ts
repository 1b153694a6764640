import { StoreUnavailable } from "@gatehouse/domain"
import { Effect } from "effect"
import { CliError } from "effect/cli"
import { type Config, type Env, loadConfig } from "../config.ts"
import { lockDataDir, resolveSecrets, type StartLog } from "../dataDir.ts"
import { layerServer, type ServerServices } from "../layers.ts"

/** A failure shown to the operator as its message alone (no stack), exit code 1; each line indented alike. */
export const userError = (message: string): CliError.UserError =>
  new CliError.UserError({ cause: new Error(message), userMessage: message.split("\n").join("\n  ") })

/** The one-shot commands log to stderr, so that stdout carries only their result. */
export const cliLog: StartLog = {
  info: (message) => process.stderr.write(`${message}\n`),
  warn: (message) => process.stderr.write(`warning: ${message}\n`)
}

/** The configuration, or the failure listing every bad variable. */
export const configFrom = (env: Env): Effect.Effect<Config, CliError.UserError> =>
  Effect.try({
    try: () => loadConfig(env),
    catch: (error) => userError(`Invalid configuration (one line per variable):\n${(error as Error).message}`)
  })

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Runs `program` on the server's composition (the same layers as `serve`, migrated store included), holding
 * the PGlite folder's lock meanwhile: a running server on the same folder makes this fail with a clear message.
 */
export const withServices = <A, E>(
  env: Env,
  program: (config: Config) => Effect.Effect<A, E, ServerServices>
): Effect.Effect<A, E | CliError.UserError> =>
  Effect.gen(function* () {
    const config = yield* configFrom(env)
    const secrets = yield* Effect.try({
      try: () => resolveSecrets(config, cliLog),
      catch: (error) => userError(messageOf(error))
    })
    yield* Effect.acquireRelease(
      Effect.try({
        try: () => (config.databaseUrl === undefined ? lockDataDir(config.dataDir) : () => undefined),
        catch: (error) => userError(messageOf(error))
      }),
      (unlock) => Effect.sync(unlock)
    )
    return yield* program(config).pipe(
      Effect.provide(layerServer(config, secrets.keyRing, cliLog)),
      // Only the layer fails with StoreUnavailable here: the commands map the domain's failures themselves.
      Effect.mapError((error) =>
        error instanceof StoreUnavailable
          ? userError(`Cannot open the database: ${error.message}`)
          : (error as E)
      )
    )
  }).pipe(Effect.scoped)
