import { StoreUnavailable } from "@gatehouse/domain"
import { Effect } from "effect"
import type { Driver } from "./driver/Driver.ts"
import { migrations as allMigrations, type Migration } from "./migrations/index.ts"
import { toSqlFailure } from "./SqlFailure.ts"

/** What a run did: the versions it applied (empty when the schema was current) and the resulting version. */
export interface MigrationReport {
  readonly applied: ReadonlyArray<number>
  readonly version: number
}

// Any constant works; it only has to be the same for every Gatehouse process on the database.
const MIGRATION_LOCK = 0x6761_7465_686f

const TRACKING_TABLE = `CREATE TABLE IF NOT EXISTS gatehouse_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`

const run = async (driver: Driver, migrations: ReadonlyArray<Migration>): Promise<MigrationReport> => {
  const connection = await driver.connect({ owner: true })
  let broken = false
  try {
    // Session-level: held across the per-migration transactions, released below or with the session.
    await connection.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK])
    try {
      await connection.query(TRACKING_TABLE)
      const done = new Set(
        (await connection.query<{ version: number }>("SELECT version FROM gatehouse_migrations")).rows.map(
          (row) => row.version
        )
      )
      const applied: Array<number> = []
      for (const migration of migrations) {
        if (done.has(migration.version)) continue
        await connection.query("BEGIN")
        try {
          await connection.query(migration.sql)
          await connection.query("INSERT INTO gatehouse_migrations (version, name) VALUES ($1, $2)", [
            migration.version,
            migration.name
          ])
          await connection.query("COMMIT")
        } catch (error) {
          await connection.query("ROLLBACK").catch(() => undefined)
          throw error
        }
        applied.push(migration.version)
      }
      const version = Math.max(0, ...done, ...applied)
      return { applied, version }
    } finally {
      await connection.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {
        broken = true
      })
    }
  } catch (error) {
    broken = true
    throw error
  } finally {
    connection.release({ broken })
  }
}

/**
 * Brings the schema to the latest version: forward-only, each migration in its own transaction, recorded in
 * `gatehouse_migrations`, under an advisory lock so that servers starting together apply each migration
 * once. Running it on a current schema changes nothing.
 */
export const migrate = (
  driver: Driver,
  migrations: ReadonlyArray<Migration> = allMigrations
): Effect.Effect<MigrationReport, StoreUnavailable> =>
  Effect.tryPromise({ try: () => run(driver, migrations), catch: toSqlFailure }).pipe(
    Effect.catch((failure) =>
      failure.unavailable
        ? Effect.fail(new StoreUnavailable({ message: `The database is unavailable: ${failure.message}` }))
        : Effect.die(failure)
    )
  )
