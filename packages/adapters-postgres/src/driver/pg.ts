import pg from "pg"
import type { Driver } from "./Driver.ts"
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

/** A Driver on a PostgreSQL server through a `pg` Pool. */
export const makePgDriver = (config: PgDriverConfig): Driver =>
  makePoolDriver(
    new pg.Pool({
      connectionString: config.connectionString,
      max: config.maxConnections ?? 10,
      connectionTimeoutMillis: config.connectionTimeoutMillis ?? 10_000
    }),
    { kind: "pg", appRole: config.appRole }
  )
