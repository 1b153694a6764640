import { assert, type Vitest } from "@effect/vitest"
import type { TenantId } from "@gatehouse/domain"
import { freshTenant } from "@gatehouse/testkit"
import { Effect } from "effect"
import { Database, makeWebhookClaims, type Repositories } from "../../src/index.ts"

type AdapterIt = Vitest.MethodsNonLive<Repositories | Database>

/** `n` claims of one key at once: how many were first. */
const concurrentFirsts = (claim: () => Effect.Effect<boolean>, n: number) =>
  Effect.map(
    Effect.all(
      Array.from({ length: n }, () => claim()),
      { concurrency: "unbounded" }
    ),
    (outcomes) => outcomes.filter((first) => first).length
  )

/** The webhook ids the table holds for a tenant. */
const storedIds = (tenantId: TenantId) =>
  Effect.flatMap(Database, (db) =>
    db.query<{ webhook_id: string }>(
      tenantId,
      "SELECT webhook_id FROM webhook_claims WHERE tenant_id = $1 ORDER BY webhook_id",
      [tenantId]
    )
  ).pipe(Effect.map((rows) => rows.map((row) => row.webhook_id)))

/** The webhook claims table: registered on PGlite and on the server (where the claims really race). */
export const webhookClaimsTests = (it: AdapterIt): void => {
  it.effect(
    "webhook claims: of 20 concurrent claims of one id exactly one is first; later ones are not",
    () =>
      Effect.gen(function* () {
        const claims = makeWebhookClaims(yield* Database)
        const { tenant } = yield* freshTenant()
        const id = globalThis.crypto.randomUUID()
        assert.strictEqual(yield* concurrentFirsts(() => claims.claim(tenant.id, id), 20), 1)
        assert.strictEqual(yield* concurrentFirsts(() => claims.claim(tenant.id, id), 20), 0)
        assert.deepStrictEqual(yield* storedIds(tenant.id), [id])
      })
  )

  it.effect("webhook claims: release forgets the id; another tenant's same id is its own", () =>
    Effect.gen(function* () {
      const claims = makeWebhookClaims(yield* Database)
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const id = globalThis.crypto.randomUUID()
      assert.isTrue(yield* claims.claim(tenant.id, id))
      assert.isTrue(yield* claims.claim(other.id, id), "keys of different tenants never meet")
      yield* claims.release(other.id, id)
      assert.isFalse(yield* claims.claim(tenant.id, id), "releasing another tenant's key changes nothing")
      yield* claims.release(tenant.id, id)
      assert.isTrue(yield* claims.claim(tenant.id, id), "a released id is processed again")
      yield* claims.release(tenant.id, `never-claimed-${id}`)
    })
  )

  it.effect("webhook claims: an expired claim is taken over by exactly one of 20 concurrent claims", () =>
    Effect.gen(function* () {
      const claims = makeWebhookClaims(yield* Database, { ttl: "300 millis" })
      const { tenant } = yield* freshTenant()
      const id = globalThis.crypto.randomUUID()
      assert.isTrue(yield* claims.claim(tenant.id, id))
      assert.isFalse(yield* claims.claim(tenant.id, id), "remembered within the TTL")
      yield* Effect.sleep("400 millis")
      assert.strictEqual(yield* concurrentFirsts(() => claims.claim(tenant.id, id), 20), 1)
      assert.isFalse(yield* claims.claim(tenant.id, id), "the new claim is remembered")
    })
  )

  it.effect(
    "webhook claims: a claim prunes at most `pruneLimit` expired rows of its tenant, no live ones",
    () =>
      Effect.gen(function* () {
        const db = yield* Database
        const short = makeWebhookClaims(db, { ttl: "200 millis", pruneLimit: 2 })
        const long = makeWebhookClaims(db, { pruneLimit: 2 })
        const { tenant } = yield* freshTenant()
        const { tenant: other } = yield* freshTenant()
        for (const id of ["a", "b", "c"]) assert.isTrue(yield* short.claim(tenant.id, id))
        assert.isTrue(yield* short.claim(other.id, "a"))
        assert.isTrue(yield* long.claim(tenant.id, "live"))
        yield* Effect.sleep("300 millis")
        assert.isTrue(yield* long.claim(tenant.id, "d"))
        const left = yield* storedIds(tenant.id)
        assert.strictEqual(left.length, 3, `two of the three expired rows pruned: ${left.join(", ")}`)
        assert.includeMembers(left, ["d", "live"])
        assert.isTrue(yield* long.claim(tenant.id, "e"))
        assert.deepStrictEqual(yield* storedIds(tenant.id), ["d", "e", "live"])
        assert.deepStrictEqual(yield* storedIds(other.id), ["a"], "another tenant's rows are left alone")
      })
  )
}
