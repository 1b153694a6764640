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

/**
 * Migration 18: a bulk insert of users refreshes the planner's statistics and merges the search indexes' pending
 * lists (PGlite has no autovacuum; without them the grid's role filter sorted every user and each search read
 * the pending lists through). Registered on PGlite and on the server.
 */
export const userStatisticsTests = (it: AdapterIt): void => {
  it.effect("a bulk insert of users leaves them analysed and the trigram indexes with nothing pending", () =>
    Effect.gen(function* () {
      const db = yield* Database
      const { tenant } = yield* freshTenant()
      const users = Array.from({ length: REFRESH_STATISTICS_AFTER }, () => aUser({ tenantId: tenant.id }))
      yield* (yield* UserRepository).insertMany(users)
      const [state] = yield* Effect.promise(async () => {
        const connection = await db.driver.connect({ owner: true })
        try {
          return (await connection.query<{ estimate: number; stored: number; pending: number }>(STATE)).rows
        } finally {
          connection.release()
        }
      })
      assert.isAtLeast(state!.stored, REFRESH_STATISTICS_AFTER)
      assert.strictEqual(state!.estimate, state!.stored, "the statistics count every user (analysed now)")
      assert.strictEqual(state!.pending, 0, "no pending list page was left to merge")
    })
  )
}
