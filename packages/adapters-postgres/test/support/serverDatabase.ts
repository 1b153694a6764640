import { Effect, Layer } from "effect"
import pg from "pg"
import { layerPg } from "../../src/index.ts"

/** The admin connection of the test server (CI sets it); the server suites are skipped without it. */
export const DATABASE_URL: string | undefined = process.env.DATABASE_URL

if (DATABASE_URL === undefined)
  console.warn("DATABASE_URL is not set: the PostgreSQL server suites are skipped (PGlite suites still run).")

const admin = async <A>(f: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  try {
    return await f(client)
  } finally {
    await client.end()
  }
}

/** The URL of `database` on the test server. */
export const urlOf = (database: string): string => {
  const url = new URL(DATABASE_URL!)
  url.pathname = `/${database}`
  return url.toString()
}

/** Creates `gatehouse_test_<random>` on the test server; `drop` removes it (and ends its sessions). */
export const createDatabase = async (): Promise<{
  readonly url: string
  readonly drop: () => Promise<void>
}> => {
  const name = `gatehouse_test_${globalThis.crypto.randomUUID().replaceAll("-", "")}`
  await admin((client) => client.query(`CREATE DATABASE ${name}`))
  return {
    url: urlOf(name),
    drop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined)
  }
}

/** A fresh database for the lifetime of a layer: created when it is built, dropped when it is released. */
export const freshDatabase: Effect.Effect<string, never, import("effect").Scope.Scope> =
  Effect.acquireRelease(Effect.promise(createDatabase), (database) => Effect.promise(database.drop)).pipe(
    Effect.map((database) => database.url)
  )

/** Every port on a fresh database of the test server, migrated. */
export const layerFreshServer = (options: { readonly maxConnections?: number } = {}) =>
  Layer.unwrap(Effect.map(freshDatabase, (url) => layerPg({ connectionString: url, ...options })))
