import { assert, type Vitest } from "@effect/vitest"
import { GroupRepository, Transactor, type User, UserRepository } from "@gatehouse/domain"
import { aGroup, aUser, freshTenant } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import { type Connection, Database, migrate, migrations, type Repositories } from "../../src/index.ts"
import { insertUsers } from "../../src/repositories/bulkInsert.ts"

type AdapterIt = Vitest.MethodsNonLive<Repositories | Database>

const TENANT_TABLES = [
  "roles",
  "departments",
  "groups",
  "users",
  "user_groups",
  "organizations",
  "memberships",
  "audit_events",
  "sessions",
  "invitations",
  "totp_enrollments",
  "failed_attempts",
  "failed_attempts_by_origin",
  "sign_in_origins",
  "external_credentials",
  "external_credential_settings",
  "shopify_settings",
  "webhook_claims",
  "user_counts"
]

/** Everything the catalogue says about the schema, plus the migration records: equal means unchanged. */
const SCHEMA_FINGERPRINT = `SELECT string_agg(line, E'\\n' ORDER BY line) AS fingerprint FROM (
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line
    FROM information_schema.columns WHERE table_schema = current_schema()
    UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL SELECT 'policy ' || tablename || ' ' || policyname || ' ' || coalesce(qual, '')
      FROM pg_policies WHERE schemaname = current_schema()
    UNION ALL SELECT 'migration ' || version || ' ' || name || ' ' || applied_at FROM gatehouse_migrations
  ) AS catalogue`

const sqlState = (error: unknown): unknown => (error as { readonly code?: unknown }).code

/** Runs `f` on a raw session, the application's or the owner's (released afterwards: PGlite has only one). */
const onSession = <A>(
  f: (query: Connection["query"]) => Promise<A>,
  options: { readonly owner?: boolean } = {}
) =>
  Effect.flatMap(Database, (db) =>
    Effect.promise(async () => {
      const connection = await db.driver.connect(options)
      try {
        return await f(connection.query)
      } finally {
        connection.release()
      }
    })
  )

const failsWith = async (promise: Promise<unknown>, code: string, what: string) => {
  const outcome = await promise.then(
    () => "succeeded",
    (error: unknown) => sqlState(error)
  )
  assert.strictEqual(outcome, code, what)
}

const sortedGroups = (user: User) => ({ ...user, groupIds: [...user.groupIds].sort() })

/**
 * The adapter's own guarantees beyond the port contracts: migrations, row-level security, typed conflicts
 * that keep a transaction usable, and the bulk insert. Registered on PGlite and on the server.
 */
export const adapterTests = (it: AdapterIt): void => {
  it.effect("a statement with parameters is prepared once per session (named), one without is not", () =>
    Effect.gen(function* () {
      const db = yield* Database
      const prepared = yield* Effect.promise(async () => {
        const connection = await db.driver.connect()
        try {
          const sql = "SELECT $1::int + 1 AS prepared_probe"
          const first = await connection.query<{ prepared_probe: number }>(sql, [1])
          const second = await connection.query<{ prepared_probe: number }>(sql, [41])
          await connection.query("SELECT 'unprepared_probe' AS text_only")
          // a pipeline's statements too (sent in turn on PGlite, where they were parsed and planned every time)
          const piped = "SELECT $1::int + 2 AS piped_probe"
          const third = await connection.pipeline<{ piped_probe: number }>([
            { sql: "SELECT 'unprepared_piped_probe' AS text_only" },
            { sql: piped, params: [1] }
          ])
          const fourth = await connection.pipeline<{ piped_probe: number }>([{ sql: piped, params: [40] }])
          const names = await connection.query<{ name: string; statement: string }>(
            "SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%_probe%'"
          )
          return {
            values: [
              first.rows[0]?.prepared_probe,
              second.rows[0]?.prepared_probe,
              third.rows[0]?.piped_probe,
              fourth.rows[0]?.piped_probe
            ],
            names: names.rows
          }
        } finally {
          connection.release()
        }
      })
      assert.deepStrictEqual(prepared.values, [2, 42, 3, 42])
      for (const probe of ["prepared_probe", "piped_probe"]) {
        const probes = prepared.names.filter((row) => row.statement.includes(probe))
        assert.strictEqual(probes.length, 1, `${probe}: prepared once, reused`)
        assert.match(probes[0]!.name, /^gatehouse_[0-9a-f]{24}$/)
      }
      assert.isFalse(prepared.names.some((row) => row.statement.includes("unprepared_")))
    })
  )

  it.effect(
    "pipeline: answers the last statement's rows (or the one asked for) and fails with the first failure",
    () =>
      Effect.gen(function* () {
        const db = yield* Database
        const outcome = yield* Effect.promise(async () => {
          const connection = await db.driver.connect()
          try {
            const last = await connection.pipeline<{ n: number }>([
              { sql: "SELECT 1 AS n" },
              { sql: "SELECT $1::int AS n", params: [2] }
            ])
            const asked = await connection.pipeline<{ n: number }>(
              [
                { sql: "SELECT 5 AS n" },
                { sql: "SELECT $1::int AS n", params: [6] },
                { sql: "SELECT 7 AS n" }
              ],
              1
            )
            // inside a transaction, a failure aborts what was sent after it; ROLLBACK makes the session usable
            await connection.query("BEGIN")
            const failure = await connection
              .pipeline([{ sql: "SELECT 1/0 AS boom" }, { sql: "SELECT $1::int AS n", params: [3] }])
              .then(
                () => "succeeded",
                (error: unknown) => sqlState(error)
              )
            await connection.query("ROLLBACK")
            const after = await connection.query<{ n: number }>("SELECT 4 AS n")
            return { last: last.rows, asked: asked.rows, failure, after: after.rows }
          } finally {
            connection.release()
          }
        })
        assert.deepStrictEqual(outcome.last, [{ n: 2 }])
        assert.deepStrictEqual(outcome.asked, [{ n: 6 }], "the second statement's rows, asked for by index")
        assert.strictEqual(outcome.failure, "22012", "division by zero, not the aborted transaction after it")
        assert.deepStrictEqual(outcome.after, [{ n: 4 }])
      })
  )

  it.effect("migrations: applied from empty once; a second run applies nothing and changes nothing", () =>
    Effect.gen(function* () {
      const db = yield* Database
      // The layer migrated an empty database; the application role may not even read the records.
      const recorded = yield* onSession(
        async (query) =>
          (await query<{ version: number }>("SELECT version FROM gatehouse_migrations ORDER BY version"))
            .rows,
        { owner: true }
      )
      assert.deepStrictEqual(
        recorded.map((row) => row.version),
        migrations.map((m) => m.version)
      )
      const denied = yield* Effect.exit(db.query(null, "SELECT version FROM gatehouse_migrations"))
      assert.isTrue(denied._tag === "Failure", "the application role cannot read the migration records")
      const fingerprint = () =>
        onSession(
          async (query) => (await query<{ fingerprint: string }>(SCHEMA_FINGERPRINT)).rows[0]!.fingerprint,
          { owner: true }
        )
      const before = yield* fingerprint()
      const report = yield* migrate(db.driver)
      assert.deepStrictEqual(report, { applied: [], version: migrations.at(-1)!.version })
      assert.strictEqual(yield* fingerprint(), before)
      assert.include(before, "users_name_search_idx")
    })
  )

  it.effect(
    "row-level security: a session sees and writes only the rows of the tenant it set, none without",
    () =>
      Effect.gen(function* () {
        const users = yield* UserRepository
        const { tenant: a } = yield* freshTenant()
        const { tenant: b } = yield* freshTenant()
        const shared = `Shared${globalThis.crypto.randomUUID().slice(0, 8)}`
        const ours = yield* users.insert(aUser({ tenantId: a.id, lastName: shared }))
        const theirs = yield* users.insert(aUser({ tenantId: b.id, lastName: shared }))
        assert.isTrue(Option.isSome(yield* users.findById(b.id, theirs.id)), "both rows exist")
        const setTenant = "SELECT set_config('app.tenant_id', $1, true)"
        const ids = [ours.id, theirs.id]
        yield* onSession(async (query) => {
          const who = await query<{ user: string; bypass: boolean }>(
            "SELECT current_user AS user, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user"
          )
          assert.deepStrictEqual(who.rows, [{ user: "gatehouse_app", bypass: false }])
          const count = async () =>
            (
              await query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[])", [
                ids
              ])
            ).rows[0]!.n
          assert.strictEqual(await count(), 0, "no setting, no rows")
          const unscoped = await query("SELECT gatehouse_search_user_ids($1)", [`%${shared.toLowerCase()}%`])
          assert.strictEqual(unscoped.rowCount, 0, "no setting, no search results")
          await query("BEGIN")
          await query(setTenant, [a.id])
          assert.strictEqual(await count(), 1, "only tenant a's row")
          // The search function runs as the owner (outside the policies) but is bound to the same setting.
          const pattern = `%${shared.toLowerCase()}%`
          const searched = await query<{ id: string }>("SELECT gatehouse_search_user_ids($1) AS id", [
            pattern
          ])
          assert.deepStrictEqual(
            searched.rows.map((row) => row.id),
            [ours.id]
          )
          const update = await query("UPDATE users SET first_name = 'Hijacked' WHERE id = $1", [theirs.id])
          assert.strictEqual(update.rowCount, 0, "another tenant's row cannot be updated")
          await failsWith(
            query(
              `INSERT INTO groups (tenant_id, id, name, name_key, created_at, updated_at)
             VALUES ($1, gen_random_uuid(), 'x', 'x', now(), now())`,
              [b.id]
            ),
            "42501",
            "a row of another tenant cannot be inserted"
          )
          await query("ROLLBACK")
          assert.strictEqual(await count(), 0, "the setting ends with its transaction")
          await query("BEGIN")
          await query(setTenant, [a.id])
          await failsWith(query("DELETE FROM audit_events"), "42501", "audit events cannot be deleted")
          await query("ROLLBACK")
          await query("BEGIN")
          await query(setTenant, [a.id])
          await failsWith(
            query("UPDATE audit_events SET action = 'x'"),
            "42501",
            "audit events cannot be changed"
          )
          await query("ROLLBACK")
          const tables = await query<{ table: string; enabled: boolean; forced: boolean }>(
            `SELECT relname AS table, relrowsecurity AS enabled, relforcerowsecurity AS forced FROM pg_class
           WHERE relname = ANY($1::text[]) AND relnamespace = current_schema()::regnamespace ORDER BY relname`,
            [TENANT_TABLES]
          )
          assert.deepStrictEqual(
            tables.rows,
            [...TENANT_TABLES].sort().map((table) => ({ table, enabled: true, forced: false }))
          )
        })
        const stillOurs = Option.getOrThrow(yield* users.findById(b.id, theirs.id))
        assert.strictEqual(stillOurs.firstName, theirs.firstName)
      })
  )

  it.effect("a typed conflict inside a transaction leaves it usable: later writes commit", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const groups = yield* GroupRepository
      const transactor = yield* Transactor
      const { tenant } = yield* freshTenant()
      const existing = yield* users.insert(aUser({ tenantId: tenant.id }))
      const one = yield* groups.insert(aGroup({ tenantId: tenant.id, name: "One" }))
      const two = yield* groups.insert(aGroup({ tenantId: tenant.id, name: "Two" }))
      const later = aUser({ tenantId: tenant.id, groupIds: [one.id, two.id] })
      yield* transactor.withTransaction(
        Effect.gen(function* () {
          const taken = yield* Effect.flip(
            users.insert(aUser({ tenantId: tenant.id, email: existing.email }))
          )
          assert.strictEqual(taken._tag, "EmailTaken")
          const clash = yield* Effect.flip(groups.update({ ...two, name: "ONE" }))
          assert.strictEqual(clash._tag, "NameTaken")
          yield* users.insert(later)
          yield* groups.update({ ...two, name: "Three" })
        })
      )
      assert.deepStrictEqual(
        Option.map(yield* users.findById(tenant.id, later.id), sortedGroups),
        Option.some(sortedGroups(later))
      )
      assert.strictEqual(Option.getOrThrow(yield* groups.findById(tenant.id, two.id)).name, "Three")
    })
  )

  it.effect("insertMany over several chunks: a taken email in a later chunk undoes every chunk", () =>
    Effect.gen(function* () {
      const db = yield* Database
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const existing = yield* users.insert(aUser({ tenantId: tenant.id }))
      const batch = Array.from({ length: 250 }, (_, i) =>
        aUser({ tenantId: tenant.id, ...(i === 230 ? { email: existing.email } : {}) })
      )
      // Chunks of 100: the conflict is in the third statement, after two have inserted 200 rows.
      const error = yield* Effect.flip(insertUsers(db, batch, { chunkSize: 100 }))
      assert.strictEqual(error.email, existing.email)
      assert.strictEqual((yield* users.list(tenant.id, { sort: "name", limit: 1 })).total, 1)
      const started = performance.now()
      yield* insertUsers(db, batch.slice(0, 230), { chunkSize: 100 })
      console.info(`insertUsers: 230 rows in 3 statements, ${(performance.now() - started).toFixed(0)} ms`)
      assert.strictEqual((yield* users.list(tenant.id, { sort: "name", limit: 1 })).total, 231)
    })
  )

  it.effect("a failed insertMany inside a transaction undoes only itself, tenant setting included", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const transactor = yield* Transactor
      const { tenant: a } = yield* freshTenant()
      const { tenant: b } = yield* freshTenant()
      const taken = yield* users.insert(aUser({ tenantId: b.id }))
      const before = aUser({ tenantId: a.id })
      const after = aUser({ tenantId: b.id })
      const batch = [aUser({ tenantId: b.id }), aUser({ tenantId: b.id, email: taken.email })]
      yield* transactor.withTransaction(
        Effect.gen(function* () {
          yield* users.insert(before)
          // Sets app.tenant_id to b under the savepoint; its rollback restores a.
          const error = yield* Effect.flip(users.insertMany(batch))
          assert.strictEqual(error._tag, "EmailTaken")
          yield* users.insert(after)
        })
      )
      assert.isTrue(Option.isSome(yield* users.findById(a.id, before.id)))
      assert.isTrue(Option.isSome(yield* users.findById(b.id, after.id)))
      assert.isTrue(Option.isNone(yield* users.findById(b.id, batch[0]!.id)))
    })
  )
}
