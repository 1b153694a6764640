import { assert, type Vitest } from "@effect/vitest"
import { UserRepository } from "@gatehouse/domain"
import { aUser, freshTenant } from "@gatehouse/testkit"
import { Effect } from "effect"
import { Database, type Repositories } from "../../src/index.ts"
import { REFRESH_STATISTICS_AFTER } from "../../src/repositories/bulkInsert.ts"

type AdapterIt = Vitest.MethodsNonLive<Repositories | Database>

const STATE = `SELECT c.reltuples::float8 AS estimate, (SELECT count(*)::int FROM users) AS stored,
    (gin_clean_pending_list('users_name_search_idx'::regclass)
      + gin_clean_pending_list('users_display_search_idx'::regclass)
      + gin_clean_pending_list('users_email_search_idx'::regclass))::int AS pending
  FROM pg_class c WHERE c.oid = 'users'::regclass`

type State = { readonly estimate: number; readonly stored: number; readonly pending: number }

/** The planner's row count of users, the users stored, and the pending list pages merged now (as the owner). */
const stateOf = (db: Database["Service"]) =>
  Effect.promise(async () => {
    const connection = await db.driver.connect({ owner: true })
    try {
      return (await connection.query<State>(STATE)).rows[0]!
    } finally {
      connection.release()
    }
  })

/**
 * Migrations 18 and 19: a bulk insert of users merges the search indexes' pending lists, and refreshes the
 * planner's statistics when the table has none or has grown by a tenth since (PGlite has no autovacuum; without
 * them the grid's role filter sorted every user and each search read the pending lists through; analysing after
 * every batch of an import into a large table made the import 3.7 times slower). On PGlite and on the server.
 */
export const userStatisticsTests = (it: AdapterIt): void => {
  it.effect(
    "a bulk insert that grows the users by a tenth or more leaves them analysed; a smaller one merges the pending lists only",
    () =>
      Effect.gen(function* () {
        const db = yield* Database
        const repository = yield* UserRepository
        const { tenant } = yield* freshTenant()
        const insert = (count: number) =>
          repository.insertMany(Array.from({ length: count }, () => aUser({ tenantId: tenant.id })))

        // grown by far more than a tenth: analysed now (below 30,000 rows ANALYZE reads them all: exact)
        const before = yield* stateOf(db)
        yield* insert(
          Math.max(REFRESH_STATISTICS_AFTER, 15_000 - before.stored, Math.ceil(before.stored / 2))
        )
        const grown = yield* stateOf(db)
        assert.isAtLeast(grown.stored, 15_000)
        assert.strictEqual(grown.estimate, grown.stored, "the statistics count every user (analysed now)")
        assert.strictEqual(grown.pending, 0, "no pending list page was left to merge")

        // 1,000 more on 15,000 or more (under a tenth): the statistics stay, the pending lists are merged
        yield* insert(REFRESH_STATISTICS_AFTER)
        const after = yield* stateOf(db)
        assert.strictEqual(after.stored, grown.stored + REFRESH_STATISTICS_AFTER)
        assert.strictEqual(after.estimate, grown.estimate, "not analysed again for a growth under a tenth")
        assert.strictEqual(after.pending, 0, "no pending list page was left to merge")
      }),
    120_000
  )
}
