import { makePgDriver, makePgliteDriver, migrate } from "@gatehouse/adapters-postgres"
import { Console, Effect, Redacted } from "effect"
import type { CliError } from "effect/cli"
import type { Env } from "../config.ts"
import { dataPaths, ensureDataDir, lockDataDir } from "../dataDir.ts"
import { describeError } from "../describeError.ts"
import { startServer } from "../serve.ts"
import { configFrom, userError } from "./store.ts"

/** How long in-flight requests may take to finish after SIGTERM before the process gives up on them. */
const SHUTDOWN_GRACE_MILLIS = 25_000

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * `gatehouse serve`: runs until SIGTERM or SIGINT, which interrupt this fiber; the release then closes Fastify
 * (no new connections, in-flight requests finish), whose onClose disposes the runtime (pool closed).
 */
export const serve = (env: Env): Effect.Effect<never, CliError.UserError> =>
  Effect.acquireRelease(
    Effect.flatMap(configFrom(env), (config) =>
      Effect.tryPromise({
        try: () => startServer(config, env),
        catch: (error) => userError(messageOf(error))
      })
    ),
    (running) =>
      Effect.promise(async () => {
        running.server.app.log.info("Shutting down: finishing in-flight requests")
        const force = setTimeout(() => {
          running.server.app.log.error(
            `Requests still running after ${SHUTDOWN_GRACE_MILLIS} ms: exiting anyway`
          )
          process.exit(1)
        }, SHUTDOWN_GRACE_MILLIS)
        force.unref()
        try {
          await running.stop()
          running.server.app.log.info("Stopped")
        } catch (error) {
          running.server.app.log.error({ err: error }, "Shutdown failed")
          process.exitCode = 1
        } finally {
          clearTimeout(force)
        }
      })
  ).pipe(Effect.andThen(Effect.never), Effect.scoped)

/** `gatehouse migrate`: brings the schema up to date and says what it applied. */
export const migrateOnly = (env: Env): Effect.Effect<void, CliError.UserError> =>
  Effect.gen(function* () {
    const config = yield* configFrom(env)
    const driver = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: async () => {
          if (config.databaseUrl !== undefined) {
            return makePgDriver({ connectionString: Redacted.value(config.databaseUrl) })
          }
          ensureDataDir(config.dataDir)
          const unlock = lockDataDir(config.dataDir)
          try {
            const driver = await makePgliteDriver({ dataDir: dataPaths(config.dataDir).pglite })
            return { ...driver, close: () => driver.close().finally(unlock) }
          } catch (error) {
            unlock()
            throw error
          }
        },
        catch: (error) => userError(messageOf(error))
      }),
      (driver) => Effect.promise(() => driver.close().catch(() => undefined))
    )
    const report = yield* migrate(driver).pipe(Effect.mapError((error) => userError(describeError(error))))
    yield* Console.log(
      report.applied.length === 0
        ? `The schema is up to date (version ${report.version}).`
        : `Applied migration(s) ${report.applied.join(", ")}: the schema is at version ${report.version}.`
    )
  }).pipe(Effect.scoped)
