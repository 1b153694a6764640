/**
 * Listing figures on a PostgreSQL server: bulk-loads N users into one tenant (plus a small second tenant),
 * then times `UserRepository.list` (page query + total) for the documented sorts and searches, and prints the
 * plan of the rare-term search. Not part of `npm test`.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
 *     node --experimental-transform-types --conditions=@gatehouse/source bench/listing.ts 100000
 *
 * A fresh database `gatehouse_bench_<random>` is created and dropped afterwards (KEEP=1 keeps it). The users are
 * those of `npm run bench` (bench/src/userSpread.ts).
 */
import {
  encodeCursor,
  type RoleName,
  type Tenant,
  TenantRepository,
  type UserListQuery,
  UserRepository
} from "@gatehouse/domain"
import { Effect } from "effect"
// The benchmarks' one user generator (names, roles, statuses, logins spread; RARE about once in 10,000).
import { spreadUser as aUser, RARE, SEED_EPOCH } from "../../../bench/src/userSpread.ts"
import { Database } from "../src/index.ts"
import { listingSql } from "../src/repositories/userListing.ts"
import { benchTenant, measure, ms, onFreshDatabase } from "./support.ts"

const rows = Number(process.argv[2] ?? 100_000)
const admin = process.env.DATABASE_URL
if (admin === undefined) throw new Error("Set DATABASE_URL (the admin connection)")

const uuid = () => globalThis.crypto.randomUUID()
const epoch = SEED_EPOCH

const aTenant = (slug: string): Tenant => benchTenant(uuid(), slug, "weevio", new Date(epoch))

const program = Effect.gen(function* () {
  const tenants = yield* TenantRepository
  const users = yield* UserRepository
  const db = yield* Database
  const tenant = aTenant(`bench-${Date.now()}`)
  const other = aTenant(`bench-other-${Date.now()}`)
  yield* tenants.insert(tenant)
  yield* tenants.insert(other)
  yield* users.insertMany(Array.from({ length: 1_000 }, (_, i) => aUser(other.id, i)))

  const started = performance.now()
  const batch = 20_000
  for (let start = 0; start < rows; start += batch) {
    const chunk = Array.from({ length: Math.min(batch, rows - start) }, (_, i) => aUser(tenant.id, start + i))
    yield* users.insertMany(chunk)
  }
  const seconds = (performance.now() - started) / 1000
  console.info(
    `loaded ${rows} users in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s, unnest)`
  )
  const owner = yield* Effect.promise(() => db.driver.connect({ owner: true }))
  yield* Effect.promise(() => owner.query("VACUUM ANALYZE"))
  owner.release()

  const list = (query: Omit<UserListQuery, "limit">) => users.list(tenant.id, { limit: 50, ...query })
  // A cursor in the middle of the name order: the page after it must not walk there row by row.
  const middle = yield* db.query<{ name_key: string; id: string }>(
    tenant.id,
    "SELECT name_key, id::text FROM users WHERE tenant_id = $1 ORDER BY name_key, id OFFSET $2 LIMIT 1",
    [tenant.id, Math.floor(rows / 2)]
  )
  const cursor = encodeCursor({ key: middle[0]!.name_key, id: middle[0]!.id })
  const runs = 50
  const cases: ReadonlyArray<readonly [string, Omit<UserListQuery, "limit">]> = [
    ["sort name, first page", { sort: "name" }],
    ["sort name, page after the middle", { sort: "name", cursor }],
    ["sort lastLogin, first page", { sort: "lastLogin" }],
    ["sort created, status disabled", { sort: "created", status: "disabled" }],
    [`q "${RARE.toLowerCase()}" (rare), sort name`, { sort: "name", q: RARE }],
    [`q "ada1" (common), sort name`, { sort: "name", q: "ada1" }],
    ["role Admin, sort email", { sort: "email", role: "Admin" as RoleName }]
  ]
  console.info(`\nUserRepository.list, limit 50, ${rows} users in the tenant, ${runs} runs each:`)
  console.info(`${"".padEnd(40)} list (page + total) p50 / p99      page alone p50   total alone p50`)
  for (const [label, query] of cases) {
    const sql = listingSql(tenant.id, { limit: 50, ...query })
    const whole = yield* measure(runs, list(query))
    const page = yield* measure(
      runs,
      db.query(
        tenant.id,
        `SELECT u.id FROM ${sql.from} WHERE ${sql.pageWhere} ORDER BY ${sql.orderBy} LIMIT 51`,
        sql.params
      )
    )
    const total = yield* measure(
      runs,
      db.query(tenant.id, `SELECT count(*) FROM ${sql.from} WHERE ${sql.where}`, sql.filterParams)
    )
    console.info(
      `${label.padEnd(40)} ${ms(whole.p50)} / ${ms(whole.p99)}   ${ms(page.p50)}    ${ms(total.p50)}`
    )
  }

  const sql = listingSql(tenant.id, { sort: "name", limit: 50, q: RARE })
  const plan = yield* db.query<{ "QUERY PLAN": string }>(
    tenant.id,
    `EXPLAIN (ANALYZE, COSTS OFF) SELECT u.id FROM ${sql.from} WHERE ${sql.pageWhere} ORDER BY ${sql.orderBy} LIMIT 51`,
    sql.params
  )
  console.info(`\nplan of the rare-term page:\n${plan.map((row) => row["QUERY PLAN"]).join("\n")}`)
})

await onFreshDatabase(admin, program)
