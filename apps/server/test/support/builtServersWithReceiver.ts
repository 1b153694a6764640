import { makePgDriver } from "@gatehouse/adapters-postgres"
import { afterAll, beforeAll } from "vitest"
import { ensureBuilt } from "./built.ts"
import { type ServerProcess, startBuilt } from "./builtProcess.ts"
import { makeReceiver, type Receiver } from "./receiver.ts"
import { tempDataDir } from "./server.ts"

/** The admin connection of the test server (CI sets it); the suites that need it are skipped without it. */
export const DATABASE_URL: string | undefined = process.env.DATABASE_URL

/** One statement as the owner of `connectionString` (default `DATABASE_URL`, the admin connection); its rows. */
export const onAdmin = async <Row = Record<string, unknown>>(
  sql: string,
  params: ReadonlyArray<unknown> = [],
  connectionString = DATABASE_URL!
): Promise<ReadonlyArray<Row>> => {
  const driver = makePgDriver({ connectionString, appRole: null, maxConnections: 1 })
  try {
    const connection = await driver.connect({ owner: true })
    try {
      return (await connection.query<Row>(sql, params)).rows
    } finally {
      connection.release()
    }
  } finally {
    await driver.close()
  }
}

export interface BuiltServersWithReceiver {
  /** The suite's database: `DATABASE_URL` naming a fresh database (read once `DATABASE_URL` is set). */
  readonly databaseUrl: string
  /** The webhook receiver, listening from the suite's `beforeAll` on. */
  readonly receiver: Receiver
  /** The processes started and not stopped yet (a test that stops one takes it out); killed after the suite. */
  readonly running: Array<ServerProcess>
  /** Starts a built `gatehouse serve` with `env` on the suite's data folder, and adds it to `running`. */
  readonly start: (env: Readonly<Record<string, string>>) => Promise<ServerProcess>
}

/**
 * The setup of a describe block whose built server processes deliver webhooks on PostgreSQL: before its tests
 * the built server, a fresh database `<prefix>_<random>` on `DATABASE_URL` and a listening webhook receiver;
 * after them every process still running killed (SIGKILL), the receiver stopped, the data folder removed and
 * the database dropped. A `beforeAll` registered after this call runs after that setup.
 */
export const builtServersWithReceiver = (prefix: string): BuiltServersWithReceiver => {
  const name = `${prefix}_${globalThis.crypto.randomUUID().replaceAll("-", "")}`
  const data = tempDataDir()
  const receiver = makeReceiver()
  const running: Array<ServerProcess> = []

  beforeAll(async () => {
    await ensureBuilt()
    await onAdmin(`CREATE DATABASE ${name}`)
    await receiver.start()
  }, 120_000)

  afterAll(async () => {
    await Promise.all(running.map((server) => server.kill("SIGKILL")))
    await receiver.stop()
    data.remove()
    await onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }, 60_000)

  return {
    get databaseUrl() {
      const url = new URL(DATABASE_URL!)
      url.pathname = `/${name}`
      return url.toString()
    },
    receiver,
    running,
    start: async (env) => {
      const server = await startBuilt(data.dir, env)
      running.push(server)
      return server
    }
  }
}
