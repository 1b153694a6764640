/**
 * What the store's benchmarks share: a tenant row to seed, p50/p99 timing, and a fresh database on the server
 * that the program runs against and that is dropped afterwards (KEEP=1 keeps it).
 */
import { nistPolicy, type Tenant } from "@gatehouse/domain"
import { Effect, Layer, type Scope } from "effect"
import pg from "pg"
import { type Database, layerPg, type Repositories } from "../src/index.ts"

/** A tenant of `preset` created at `at`, for seeding (not the code under test). */
export const benchTenant = (id: string, slug: string, preset: Tenant["preset"], at: Date): Tenant =>
  ({
    id,
    slug,
    name: slug,
    preset,
    passwordPolicy: nistPolicy,
    settings: { invitationTtlHours: 72 },
    createdAt: at,
    updatedAt: at,
    version: 1
  }) as unknown as Tenant

const percentile = (sorted: ReadonlyArray<number>, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

/** p50 and p99 of `runs` runs of `effect`, in ms, after one warm-up run. */
export const measure = <A, E, R>(runs: number, effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    yield* effect
    const samples: Array<number> = []
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      yield* effect
      samples.push(performance.now() - started)
    }
    samples.sort((a, b) => a - b)
    return { p50: percentile(samples, 50), p99: percentile(samples, 99) }
  })

export const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`

/** Runs `program` on `layerPg` over a fresh database `gatehouse_bench_<random>` of the admin connection's server. */
export const onFreshDatabase = async <A, E>(
  admin: string,
  program: Effect.Effect<A, E, Database | Repositories | Scope.Scope>
): Promise<A> => {
  const name = `gatehouse_bench_${globalThis.crypto.randomUUID().replaceAll("-", "")}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`CREATE DATABASE ${name}`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  try {
    return await Effect.runPromise(
      program.pipe(Effect.provide(Layer.fresh(layerPg({ connectionString: url.toString() }))), Effect.scoped)
    )
  } finally {
    if (process.env.KEEP !== "1") await client.query(`DROP DATABASE ${name} WITH (FORCE)`)
    else console.info(`kept ${name}`)
    await client.end()
  }
}
