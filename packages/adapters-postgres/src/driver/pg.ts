import pg from "pg"
import type { Driver } from "./Driver.ts"
import { listenOn } from "./listen.ts"
import { makePoolDriver } from "./pool.ts"

export interface PgDriverConfig {
  /** e.g. `postgres://gatehouse@db:5432/gatehouse` (the `DATABASE_URL`). */
  readonly connectionString: string
  /** Pool size (default 10). */
  readonly maxConnections?: number | undefined
  /** See `PoolDriverOptions.appRole` (default `gatehouse_app`; `null`: do not switch role). */
  readonly appRole?: string | null | undefined
  /** How long to wait for a session before giving up (default 10 s); then the store is unavailable. */
  readonly connectionTimeoutMillis?: number | undefined
}

/**
 * A Driver on a PostgreSQL server through a `pg` Pool in pipeline mode: a transaction's BEGIN, tenant setting
 * and first statement travel in one write and one round trip (`Connection.pipeline`).
 */
export const makePgDriver = (config: PgDriverConfig): Driver =>
  makePoolDriver(
    new pg.Pool({
      connectionString: config.connectionString,
      max: config.maxConnections ?? 10,
      connectionTimeoutMillis: config.connectionTimeoutMillis ?? 10_000,
      // pg >= 8.21; not in @types/pg yet
      ...({ pipeline: true } as object)
    }),
    {
      kind: "pg",
      appRole: config.appRole,
      pipelined: true,
      listen: async (channel, onNotify) => listenOn(config.connectionString, channel, onNotify)
    }
  )
