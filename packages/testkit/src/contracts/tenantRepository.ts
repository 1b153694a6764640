import { assert } from "@effect/vitest"
import { type TenantId, TenantRepository, Transactor } from "@gatehouse/domain"
import type { Layer } from "effect"
import { Effect, Option } from "effect"
import { anId, aTenant } from "../builders.ts"
import { type ContractIt, freshSlug, type Repositories, race, registerContract } from "./support.ts"

/** The TenantRepository guarantees: lookups, store-reported slug uniqueness, optimistic update, the lock. */
export const tenantRepositoryTests = (it: ContractIt): void => {
  it.effect("inserts a tenant and finds it by id and by slug", () =>
    Effect.gen(function* () {
      const tenants = yield* TenantRepository
      const tenant = aTenant({ slug: freshSlug() })
      assert.deepStrictEqual(yield* tenants.insert(tenant), tenant)
      assert.deepStrictEqual(yield* tenants.findById(tenant.id), Option.some(tenant))
      assert.deepStrictEqual(yield* tenants.findBySlug(tenant.slug), Option.some(tenant))
      assert.isTrue(Option.isNone(yield* tenants.findById(anId<TenantId>())))
      assert.isTrue(Option.isNone(yield* tenants.findBySlug(freshSlug())))
    })
  )

  it.effect("a taken slug fails SlugTaken and keeps the first tenant", () =>
    Effect.gen(function* () {
      const tenants = yield* TenantRepository
      const first = aTenant({ slug: freshSlug() })
      yield* tenants.insert(first)
      const error = yield* Effect.flip(tenants.insert(aTenant({ slug: first.slug })))
      assert.strictEqual(error._tag, "SlugTaken")
      assert.strictEqual(error.slug, first.slug)
      assert.deepStrictEqual(yield* tenants.findBySlug(first.slug), Option.some(first))
    })
  )

  it.effect("of 20 concurrent inserts of one slug exactly one succeeds, the others fail SlugTaken", () =>
    Effect.gen(function* () {
      const tenants = yield* TenantRepository
      const slug = freshSlug()
      const { successes, failures } = yield* race(20, () => tenants.insert(aTenant({ slug })))
      assert.strictEqual(successes.length, 1)
      assert.strictEqual(failures.length, 19)
      for (const failure of failures) assert.strictEqual(failure._tag, "SlugTaken")
      const stored = yield* tenants.findBySlug(slug)
      assert.strictEqual(Option.getOrThrow(stored).id, successes[0]!.id)
    })
  )

  it.effect("update at the expected version stores version + 1; a stale version fails VersionConflict", () =>
    Effect.gen(function* () {
      const tenants = yield* TenantRepository
      const tenant = yield* tenants.insert(aTenant({ slug: freshSlug(), version: 3 }))
      const renamed = { ...tenant, name: "Renamed", settings: { invitationTtlHours: 12 } }
      const stored = yield* tenants.update(renamed, 3)
      assert.deepStrictEqual(stored, { ...renamed, version: 4 })
      assert.deepStrictEqual(yield* tenants.findById(tenant.id), Option.some(stored))

      const conflict = yield* Effect.flip(tenants.update({ ...tenant, name: "Stale" }, 3))
      assert.strictEqual(conflict._tag, "VersionConflict")
      if (conflict._tag === "VersionConflict") {
        assert.strictEqual(conflict.expected, 3)
        assert.strictEqual(conflict.actual, 4)
      }
      assert.deepStrictEqual(yield* tenants.findById(tenant.id), Option.some(stored))
    })
  )

  it.effect("update of an unknown tenant fails TenantNotFound", () =>
    Effect.gen(function* () {
      const tenants = yield* TenantRepository
      const error = yield* Effect.flip(tenants.update(aTenant({ slug: freshSlug() }), 1))
      assert.strictEqual(error._tag, "TenantNotFound")
    })
  )

  it.effect("lock inside a transaction: an unknown tenant fails TenantNotFound, a known one is taken", () =>
    Effect.gen(function* () {
      const tenants = yield* TenantRepository
      const transactor = yield* Transactor
      const missing = yield* Effect.flip(transactor.withTransaction(tenants.lock(anId<TenantId>())))
      assert.strictEqual(missing._tag, "TenantNotFound")
      const tenant = yield* tenants.insert(aTenant({ slug: freshSlug() }))
      yield* transactor.withTransaction(tenants.lock(tenant.id))
    })
  )

  it.effect("lock serialises transactions: concurrent read-modify-writes under it all apply", () =>
    Effect.gen(function* () {
      const tenants = yield* TenantRepository
      const transactor = yield* Transactor
      const tenant = yield* tenants.insert(aTenant({ slug: freshSlug() }))
      // Each transaction reads the version after taking the lock and writes at that version a little
      // later: without serialisation two of them would read the same version and one would conflict.
      const bump = (i: number) =>
        transactor.withTransaction(
          Effect.gen(function* () {
            yield* tenants.lock(tenant.id)
            const current = Option.getOrThrow(yield* tenants.findById(tenant.id))
            yield* Effect.sleep("20 millis")
            return yield* tenants.update({ ...current, name: `Bumped ${i}` }, current.version)
          })
        )
      const { successes, failures } = yield* race(3, bump)
      assert.deepStrictEqual(failures, [])
      assert.strictEqual(successes.length, 3)
      const stored = Option.getOrThrow(yield* tenants.findById(tenant.id))
      assert.strictEqual(stored.version, tenant.version + 3)
    })
  )
}

/** Runs the TenantRepository contract against one implementation (built once for the suite). */
export const tenantRepositoryContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`TenantRepository contract (${name})`, layer, tenantRepositoryTests)
