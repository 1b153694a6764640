import { assert, type Vitest } from "@effect/vitest"
import type { TenantId } from "@gatehouse/domain"
import { freshTenant } from "@gatehouse/testkit"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { Database, makeWebhookDeduplication, type Repositories } from "../../src/index.ts"

type AdapterIt = Vitest.MethodsNonLive<Repositories | Database>

/** The webhook ids the table holds for a tenant. */
const storedIds = (tenantId: TenantId) =>
  Effect.flatMap(Database, (db) =>
    db.query<{ webhook_id: string }>(
      tenantId,
      "SELECT webhook_id FROM webhook_claims WHERE tenant_id = $1 ORDER BY webhook_id",
      [tenantId]
    )
  ).pipe(Effect.map((rows) => rows.map((row) => row.webhook_id)))

/**
 * What the table adds to the WebhookDeduplication contract: a claim deletes a few expired rows of its own
 * tenant as it goes (at most `pruneLimit`), never a live row nor another tenant's.
 */
export const webhookPruningTests = (it: AdapterIt): void => {
  it.effect("a claim prunes at most `pruneLimit` expired rows of its tenant, no live ones", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.UTC(2030, 0, 1, 12))
      const db = yield* Database
      const short = makeWebhookDeduplication(db, { ttl: "200 millis", pruneLimit: 2 })
      const long = makeWebhookDeduplication(db, { pruneLimit: 2 })
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      for (const id of ["a", "b", "c"]) assert.isTrue(yield* short.claim(tenant.id, id))
      assert.isTrue(yield* short.claim(other.id, "a"))
      assert.isTrue(yield* long.claim(tenant.id, "live"))
      yield* TestClock.adjust("300 millis")
      assert.isTrue(yield* long.claim(tenant.id, "d"))
      const left = yield* storedIds(tenant.id)
      assert.strictEqual(left.length, 3, `two of the three expired rows pruned: ${left.join(", ")}`)
      assert.includeMembers(left, ["d", "live"])
      assert.isTrue(yield* long.claim(tenant.id, "e"))
      assert.deepStrictEqual(yield* storedIds(tenant.id), ["d", "e", "live"])
      assert.deepStrictEqual(yield* storedIds(other.id), ["a"], "another tenant's rows are left alone")
    }).pipe(Effect.provide(TestClock.layer()))
  )
}
