import { assert, describe, it } from "@effect/vitest"
import { slugFromName } from "@gatehouse/domain"
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

/** A fresh database migrated up to (not including) `version`, and an owner's connection to it. */
const migratedBefore = (version: number) =>
  Effect.gen(function* () {
    const { drivers } = yield* emptyDatabase(1)
    const driver = drivers[0]!
    yield* migrate(
      driver,
      migrations.filter((m) => m.version < version)
    )
    const connection = yield* Effect.promise(() => driver.connect({ owner: true }))
    return { driver, connection }
  })

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

  it.live(
    "0014 gives existing organizations the domain's slug of their name, unique per tenant in creation order",
    () =>
      Effect.scoped(
        Effect.gen(function* () {
          const { driver, connection } = yield* migratedBefore(14)
          const tenants = [crypto.randomUUID(), crypto.randomUUID()]
          const names: ReadonlyArray<readonly [number, string]> = [
            [0, "Acme"],
            [0, "ACME!"],
            [0, "Acme 2"],
            [0, "Crème Brûlée & Co."],
            [0, "***"],
            [0, "Ünïcødé — Großhandel"],
            [0, `${"Long name ".repeat(10)}end`],
            [1, "Acme"]
          ]
          const query = (sql: string, params: ReadonlyArray<unknown>) =>
            Effect.promise(() => connection.query(sql, [...params]))
          for (const [i, tenant] of tenants.entries())
            yield* query(
              `INSERT INTO tenants (id, slug, name, preset, password_policy, settings, created_at, updated_at, version)
             VALUES ($1, $2, 'T', 'weevio', '{}', '{}', now(), now(), 1)`,
              [tenant, `t-${i}-${tenant}`]
            )
          const ids: Array<string> = []
          for (const [i, [tenant, name]] of names.entries()) {
            const id = crypto.randomUUID()
            ids.push(id)
            yield* query(
              `INSERT INTO organizations (tenant_id, id, name, name_key, created_at, updated_at, version)
             VALUES ($1, $2, $3, lower($3), $4, $4, 1)`,
              [tenants[tenant], id, name, new Date(Date.UTC(2026, 0, 1, 0, 0, i))]
            )
          }
          yield* migrate(driver)
          const rows = (yield* query(
            "SELECT id, slug, status, kind, company_name, tax_id FROM organizations",
            []
          )).rows as ReadonlyArray<{
            id: string
            slug: string
            status: string
            kind: string
            company_name: null
            tax_id: null
          }>
          connection.release()
          const slugOf = (i: number) => rows.find((row) => row.id === ids[i])!.slug
          assert.deepStrictEqual(
            names.map((_, i) => slugOf(i)),
            [
              "acme",
              "acme-2",
              "acme-2-2",
              "creme-brulee-co",
              "organization",
              "unic-de-gro-handel",
              slugFromName(names[6]![1]),
              "acme"
            ]
          )
          // The generated slugs are what the domain's rule gives where no collision intervened.
          for (const i of [0, 3, 4, 5, 6, 7]) assert.strictEqual(slugOf(i), slugFromName(names[i]![1]))
          for (const row of rows) {
            assert.deepStrictEqual(
              [row.status, row.kind, row.company_name, row.tax_id],
              ["active", "business", null, null]
            )
          }
        })
      )
  )

  it.live(
    "0018 recounts the existing users per (status, role, kind), and the counters follow from there",
    () =>
      Effect.scoped(
        Effect.gen(function* () {
          const { driver, connection } = yield* migratedBefore(18)
          const query = <Row>(sql: string, params: ReadonlyArray<unknown> = []) =>
            Effect.promise(() => connection.query<Row>(sql, [...params])).pipe(
              Effect.map((result) => result.rows)
            )
          const tenants = [crypto.randomUUID(), crypto.randomUUID()]
          for (const [i, tenant] of tenants.entries())
            yield* query(
              `INSERT INTO tenants (id, slug, name, preset, password_policy, settings, created_at, updated_at, version)
             VALUES ($1, $2, 'T', 'wetrack', '{}', '{}', now(), now(), 1)`,
              [tenant, `t-${i}-${tenant}`]
            )
          const insertUser = (tenant: string, i: number, status: string, role: string, kind: string) =>
            query(
              `INSERT INTO users (tenant_id, id, email, first_name, last_name, role, module_permissions, status,
               email_verified, phone_verified, must_change_password, require_totp, totp_enabled, created_at,
               updated_at, version, name_key, display_key, kind, awaiting_setup)
             VALUES ($1, $2, $3, 'F', 'L', $4, '{}', $5, false, false, false, false, false, now(), now(), 1, 'f l',
               '', $6, false)`,
              [tenant, crypto.randomUUID(), `u${i}@example.com`, role, status, kind]
            )
          const spread = [
            ["active", "Account Admin", "employee"],
            ["active", "Employee", "employee"],
            ["active", "Employee", "external"],
            ["disabled", "Employee", "employee"],
            ["pending", "Account Admin", "external"]
          ] as const
          for (let i = 0; i < 23; i++) {
            const [status, role, kind] = spread[i % spread.length]!
            yield* insertUser(tenants[i % 2]!, i, status, role, kind)
          }
          yield* migrate(driver)
          const COUNTERS = `SELECT tenant_id, status, role, kind, count::int AS count FROM user_counts
          WHERE count <> 0 ORDER BY 1, 2, 3, 4`
          const COUNTED = `SELECT tenant_id, status, role, kind, count(*)::int AS count FROM users
          GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`
          const recounted = yield* query(COUNTERS)
          assert.strictEqual(recounted.length, 10, "five keys in each of the two tenants")
          assert.deepStrictEqual(recounted, yield* query(COUNTED))
          // the triggers of 0018 keep them: a change of role, of kind, of status, a delete, an insert
          yield* query("UPDATE users SET role = 'Account Admin' WHERE email = 'u1@example.com'")
          yield* query("UPDATE users SET kind = 'external' WHERE email = 'u3@example.com'")
          yield* query(
            "UPDATE users SET status = 'deactivated' WHERE email IN ('u5@example.com', 'u6@example.com')"
          )
          yield* query("DELETE FROM users WHERE email = 'u7@example.com'")
          yield* insertUser(tenants[0]!, 99, "active", "Employee", "external")
          assert.deepStrictEqual(yield* query(COUNTERS), yield* query(COUNTED))
          connection.release()
        })
      )
  )
})
