import { randomUUID } from "node:crypto"
import pg from "pg"

/** A database created for one run on the PostgreSQL server, dropped by `drop`. */
export interface RunDatabase {
  readonly url: string
  readonly drop: () => Promise<void>
}

/** Creates `gatehouse_bench_<random>` through the admin connection `adminUrl`. */
export const createRunDatabase = async (adminUrl: string): Promise<RunDatabase> => {
  const name = `gatehouse_bench_${randomUUID().replaceAll("-", "")}`
  const admin = new pg.Client({ connectionString: adminUrl })
  admin.on("error", () => undefined)
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await admin.end()
      }
    }
  }
}

/**
 * `VACUUM ANALYZE` of the whole database as its owner: what autovacuum would have done to a production database
 * after such loads (statistics for the planner, the visibility map for index-only counts, GIN pending lists
 * merged). Without it the planner knows nothing of the seeded rows (a rare search took ~630 ms instead of ~23).
 */
export const vacuumAnalyze = async (url: string): Promise<{ readonly estimatedUsers: number }> => {
  const client = new pg.Client({ connectionString: url })
  client.on("error", () => undefined)
  await client.connect()
  try {
    await client.query("VACUUM ANALYZE")
    // The planner's row count of users afterwards: the statistics the searches are planned with.
    const estimate = await client.query<{ rows: number }>(
      "SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = 'users'::regclass"
    )
    return { estimatedUsers: estimate.rows[0]?.rows ?? Number.NaN }
  } finally {
    await client.end()
  }
}
