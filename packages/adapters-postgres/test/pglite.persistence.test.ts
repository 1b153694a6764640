import { readdirSync, statSync } from "node:fs"
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

/** Every file and folder under `dir` whose mode is not the owner's alone (0600 files, 0700 folders). */
const openToOthers = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const path = join(entry.parentPath, entry.name)
    const mode = statSync(path).mode & 0o777
    if (entry.isDirectory()) return mode === 0o700 ? [] : [`${path} ${mode.toString(8)}`]
    return entry.isFile() && mode !== 0o600 ? [`${path} ${mode.toString(8)}`] : []
  })

it.live(
  "a persisted PGlite folder is its owner's alone: files 0600, folders 0700, while open and once closed",
  () =>
    Effect.gen(function* () {
      const root = yield* Effect.acquireRelease(
        Effect.promise(() => mkdtemp(join(tmpdir(), "gatehouse-pglite-modes-"))),
        (dir) => Effect.promise(() => rm(dir, { recursive: true, force: true }))
      )
      const dataDir = join(root, "pgdata")
      const tenant: Tenant = aTenant({ slug: `modes-${Date.now()}` as Tenant["slug"] })
      const whileOpen = yield* Effect.scoped(
        Effect.provide(
          Effect.gen(function* () {
            yield* (yield* TenantRepository).insert(tenant)
            return openToOthers(dataDir)
          }),
          Layer.fresh(layerPglite({ dataDir }))
        )
      )
      assert.deepStrictEqual(whileOpen, [])
      assert.deepStrictEqual(openToOthers(dataDir), [])
      assert.isAbove(readdirSync(dataDir, { recursive: true }).length, 100)
    }).pipe(Effect.scoped),
  60_000
)
