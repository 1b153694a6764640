import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, it } from "@effect/vitest"
import { type Tenant, TenantRepository } from "@gatehouse/domain"
import { aTenant } from "@gatehouse/testkit"
import { Effect, Layer, Option } from "effect"
import { Database, layerPglite, migrate } from "../src/index.ts"

it.live(
  "PGlite persisted to a folder keeps its data and schema across restarts",
  () =>
    Effect.gen(function* () {
      const dataDir = yield* Effect.acquireRelease(
        Effect.promise(() => mkdtemp(join(tmpdir(), "gatehouse-pglite-"))),
        (dir) => Effect.promise(() => rm(dir, { recursive: true, force: true }))
      )
      const tenant: Tenant = aTenant({ slug: `persisted-${Date.now()}` as Tenant["slug"] })
      const open = <A, E>(effect: Effect.Effect<A, E, TenantRepository | Database>) =>
        Effect.scoped(Effect.provide(effect, Layer.fresh(layerPglite({ dataDir }))))

      yield* open(Effect.flatMap(TenantRepository, (tenants) => tenants.insert(tenant)))
      const reopened = yield* open(
        Effect.gen(function* () {
          const found = yield* (yield* TenantRepository).findBySlug(tenant.slug)
          const report = yield* migrate((yield* Database).driver)
          return { found, report }
        })
      )
      assert.deepStrictEqual(reopened.found, Option.some(tenant))
      assert.deepStrictEqual(reopened.report.applied, [])
    }).pipe(Effect.scoped),
  60_000
)
