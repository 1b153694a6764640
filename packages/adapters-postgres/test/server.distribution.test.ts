import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import pg from "pg"
import { makePgDriver, migrate } from "../src/index.ts"
import { createDatabase, DATABASE_URL } from "./support/serverDatabase.ts"

/**
 * The scale-out promise of docs/DESIGN.md ("Running it"): past one server, the schema distributes by tenant on
 * Citus unchanged. Citus needs every distributed table's primary key, unique constraints and foreign keys to
 * include the distribution column; ours lead with `tenant_id` so that each also serves tenant-scoped look-ups.
 * Only the global tables below lack it (Citus reference tables, or local to the coordinator).
 */
const GLOBAL_TABLES = new Set(["tenants", "gatehouse_migrations"])

/**
 * The unique keys that do not include tenant_id, on purpose: a session token, a setup link and a password-reset
 * or email-verification link carry only
 * the row's id, so the server finds them before it knows the tenant (`session_by_id`, `invitation_by_id`, the one-time tokens).
 * On Citus these constraints are dropped (ids are random UUIDs) and those two look-ups fan out to every shard,
 * unless tokens come to carry the tenant. The list is exact: a new exception fails the test below.
 */
const GLOBAL_LOOKUP_KEYS = [
  "invitations.invitations_id_key (id)",
  "one_time_tokens.one_time_tokens_id_key (id)",
  "sessions.sessions_id_key (id)"
]

interface KeyRow {
  readonly table: string
  readonly name: string
  readonly kind: "p" | "u" | "f"
  readonly columns: ReadonlyArray<string>
  readonly referenced: string | null
}

const KEYS = `
SELECT r.relname AS table, c.conname AS name, c.contype AS kind,
       array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, i)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
       f.relname AS referenced
FROM pg_constraint c
JOIN pg_class r ON r.oid = c.conrelid
JOIN pg_namespace n ON n.oid = r.relnamespace
LEFT JOIN pg_class f ON f.oid = c.confrelid
WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')`

const UNIQUE_INDEXES = `
SELECT t.relname AS table, i.relname AS name,
       array(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = 'public' AND x.indisunique AND NOT x.indisprimary`

const TABLES = `
SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`

/** The schema every migration produces, read from a fresh database on the test server. */
const migratedSchema = Effect.acquireRelease(
  Effect.promise(async () => {
    const database = await createDatabase()
    const driver = makePgDriver({ connectionString: database.url })
    return { database, driver }
  }),
  ({ database, driver }) => Effect.promise(() => driver.close().then(() => database.drop()))
).pipe(
  Effect.flatMap(({ database, driver }) =>
    Effect.gen(function* () {
      yield* migrate(driver)
      return yield* Effect.promise(async () => {
        const client = new pg.Client({ connectionString: database.url })
        await client.connect()
        try {
          const tables = (await client.query<{ table: string }>(TABLES)).rows.map((row) => row.table)
          const keys = (await client.query<KeyRow>(KEYS)).rows
          const uniqueIndexes = (await client.query<Omit<KeyRow, "kind" | "referenced">>(UNIQUE_INDEXES)).rows
          return { tables, keys, uniqueIndexes }
        } finally {
          await client.end()
        }
      })
    })
  )
)

describe.skipIf(DATABASE_URL === undefined)("PostgreSQL schema: distributable by tenant (Citus)", () => {
  it.live("every tenant table has a primary key that begins with tenant_id", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const { tables, keys } = yield* migratedSchema
        const tenantTables = tables.filter((table) => !GLOBAL_TABLES.has(table)).sort()
        assert.isAbove(tenantTables.length, 10, "the migrations create the tenant tables")
        const offending = tenantTables.filter((table) => {
          const primary = keys.find((key) => key.table === table && key.kind === "p")
          return primary === undefined || primary.columns[0] !== "tenant_id"
        })
        assert.deepStrictEqual(
          offending,
          [],
          "tables whose primary key is missing or does not lead with tenant_id"
        )
      })
    )
  )

  it.live(
    "every unique constraint, unique index and foreign key of a tenant table begins with tenant_id, but the token look-ups",
    () =>
      Effect.scoped(
        Effect.gen(function* () {
          const { keys, uniqueIndexes } = yield* migratedSchema
          const offending = [
            ...keys
              .filter((key) => key.kind !== "p")
              .map((key) => ({ table: key.table, name: key.name, columns: key.columns })),
            ...uniqueIndexes.map((index) => ({
              table: index.table,
              name: index.name,
              columns: index.columns
            }))
          ]
            .filter((key) => !GLOBAL_TABLES.has(key.table) && key.columns[0] !== "tenant_id")
            .map((key) => `${key.table}.${key.name} (${key.columns.join(", ")})`)
          assert.deepStrictEqual([...new Set(offending)].sort(), GLOBAL_LOOKUP_KEYS)
        })
      )
  )

  it.live(
    "foreign keys between tenant tables never leave the tenant: they reference tenants or carry tenant_id",
    () =>
      Effect.scoped(
        Effect.gen(function* () {
          const { keys } = yield* migratedSchema
          const foreign = keys.filter((key) => key.kind === "f" && !GLOBAL_TABLES.has(key.table))
          assert.isAbove(foreign.length, 0)
          const offending = foreign
            .filter(
              (key) =>
                key.referenced !== "tenants" && !(key.columns.length >= 2 && key.columns[0] === "tenant_id")
            )
            .map((key) => `${key.table}.${key.name} -> ${key.referenced}`)
          assert.deepStrictEqual(offending, [])
        })
      )
  )

  it.live("only the named global tables lack tenant_id", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const { tables, keys } = yield* migratedSchema
        const withoutTenant = tables
          .filter((table) => {
            const primary = keys.find((key) => key.table === table && key.kind === "p")
            return primary === undefined || !primary.columns.includes("tenant_id")
          })
          .sort()
        assert.deepStrictEqual(withoutTenant, [...GLOBAL_TABLES].sort())
      })
    )
  )
})
