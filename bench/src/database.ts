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
