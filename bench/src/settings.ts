/** Sizes and durations of a run, from the environment (README, "Settings"). */
export interface Settings {
  /** The PostgreSQL server to create the per-run database on (an admin connection). */
  readonly adminUrl: string
  /** Users in the listed tenant (row 3). */
  readonly users: number
  /** Rows of one bulk import (row 4); 0 skips the row. */
  readonly importRows: number
  /** Users in the second PostgreSQL tenant (rows 3 and 5 at 1M); 0 skips that stage. */
  readonly largeUsers: number
  /** Users in the PGlite tenant (row 7); 0 skips PGlite. */
  readonly pgliteUsers: number
  /** Rows of one import on PGlite (row 7); 0 skips it. */
  readonly pgliteImportRows: number
  /** Seconds of load per measurement. */
  readonly duration: number
  /** Measurements per figure (median and min-max over them). */
  readonly runs: number
  /** Concurrent connections of the load generator (and concurrent verifies of the argon2 baseline). */
  readonly connections: number
  /** Comma-separated row numbers to run (e.g. "1,2"); empty: all. */
  readonly only: ReadonlySet<string>
}

const count = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const text = env[name]
  if (text === undefined || text.trim() === "") return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name}: expected a whole number, got "${text}"`)
  return value
}

/** Reads the settings; the defaults keep a run under 15 minutes on a quiet 2-core machine. */
export const readSettings = (env: NodeJS.ProcessEnv): Settings => ({
  adminUrl: env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  users: count(env, "BENCH_USERS", 100_000),
  importRows: count(env, "BENCH_IMPORT_ROWS", 100_000),
  largeUsers: count(env, "BENCH_LARGE_USERS", 1_000_000),
  pgliteUsers: count(env, "BENCH_PGLITE_USERS", 10_000),
  pgliteImportRows: count(env, "BENCH_PGLITE_IMPORT_ROWS", 100_000),
  duration: Math.max(1, count(env, "BENCH_DURATION", 10)),
  runs: Math.max(1, count(env, "BENCH_RUNS", 3)),
  connections: Math.max(1, count(env, "BENCH_CONNECTIONS", 10)),
  only: new Set(
    (env.BENCH_ONLY ?? "")
      .split(",")
      .map((row) => row.trim())
      .filter((row) => row !== "")
  )
})
