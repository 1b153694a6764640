import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { type Driver, makePgDriver, migrate, migrations } from "../src/index.ts"
import { createDatabase, DATABASE_URL } from "./support/serverDatabase.ts"

const versions = migrations.map((m) => m.version)

/** A fresh, empty database and `n` drivers on it (as `n` servers starting at once would have). */
const emptyDatabase = (n: number) =>
  Effect.acquireRelease(
    Effect.promise(async () => {
      const database = await createDatabase()
      const drivers = Array.from({ length: n }, () => makePgDriver({ connectionString: database.url }))
      return { database, drivers }
    }),
    ({ database, drivers }) =>
      Effect.promise(async () => {
        await Promise.all(drivers.map((driver: Driver) => driver.close()))
        await database.drop()
      })
  )

describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server migrations", () => {
  it.live("from an empty database every migration applies; a second run applies none", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const { drivers } = yield* emptyDatabase(1)
        const first = yield* migrate(drivers[0]!)
        assert.deepStrictEqual(first, { applied: versions, version: versions.at(-1)! })
        const second = yield* migrate(drivers[0]!)
        assert.deepStrictEqual(second, { applied: [], version: versions.at(-1)! })
      })
    )
  )

  it.live("four servers starting together: the advisory lock applies each migration exactly once", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const { drivers } = yield* emptyDatabase(4)
        const reports = yield* Effect.all(
          drivers.map((driver) => migrate(driver)),
          { concurrency: "unbounded" }
        )
        const applied = reports.flatMap((report) => report.applied).sort((a, b) => a - b)
        assert.deepStrictEqual(applied, versions)
        for (const report of reports) assert.strictEqual(report.version, versions.at(-1)!)
        const connection = yield* Effect.promise(() => drivers[0]!.connect({ owner: true }))
        const rows = yield* Effect.promise(() =>
          connection.query<{ version: number }>("SELECT version FROM gatehouse_migrations ORDER BY version")
        )
        connection.release()
        assert.deepStrictEqual(
          rows.rows.map((row) => row.version),
          versions
        )
      })
    )
  )
})
