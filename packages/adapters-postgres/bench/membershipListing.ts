/**
 * `MembershipRepository.listAcrossOrganizations` (GET /v1/memberships) on a PostgreSQL server: bulk-loads N users
 * into one tenant, 200 organizations, a membership for every user and a second one for every fifth (40% with an
 * expiry spread from 30 days ago to a year ahead, the rest without), plus a small second tenant; then times the
 * list (page + total) for the console's queries and prints the plans. Not part of `npm test`.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
 *     node --experimental-transform-types --conditions=@gatehouse/source bench/membershipListing.ts 100000
 *
 * A fresh database `gatehouse_bench_<random>` is created and dropped afterwards (KEEP=1 keeps it).
 */
import {
  encodeCursor,
  type MembershipListQuery,
  MembershipRepository,
  type Tenant,
  TenantRepository,
  UserRepository
} from "@gatehouse/domain"
import { Effect } from "effect"
import { spreadUser as aUser, RARE, SEED_EPOCH } from "../../../bench/src/userSpread.ts"
import { Database } from "../src/index.ts"
import { benchTenant, measure, ms, onFreshDatabase } from "./support.ts"

const rows = Number(process.argv[2] ?? 100_000)
const admin = process.env.DATABASE_URL
if (admin === undefined) throw new Error("Set DATABASE_URL (the admin connection)")

const uuid = () => globalThis.crypto.randomUUID()
const DAY = 86_400_000

const aTenant = (slug: string): Tenant => benchTenant(uuid(), slug, "weavestream", new Date(SEED_EPOCH))

// Organizations and memberships by SQL, as the database owner (a seed, not the code under test).
const SEED_MEMBERSHIPS = `
INSERT INTO organizations (tenant_id, id, name, name_key, slug, status, kind, created_at, updated_at, version)
  SELECT $1, gen_random_uuid(), 'Org ' || k, 'org ' || k, 'org-' || k,
         CASE WHEN k % 20 = 0 THEN 'inactive' ELSE 'active' END, 'business', now(), now(), 1
  FROM generate_series(0, 199) AS k;
WITH u AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users WHERE tenant_id = $1),
     o AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM organizations WHERE tenant_id = $1),
     pairs AS (
       SELECT u.id AS user_id, u.n, (u.n % 200) AS k FROM u
       UNION ALL SELECT u.id, u.n, ((u.n * 7 + 3) % 200) FROM u WHERE u.n % 5 = 0
     )
INSERT INTO memberships (tenant_id, organization_id, user_id, role, active, expires_at, created_at, updated_at)
  SELECT $1, o.id, pairs.user_id,
         CASE WHEN pairs.n % 3 = 0 THEN 'OPERATOR_FULL' ELSE 'CLIENT_VIEWER' END, pairs.n % 17 <> 0,
         CASE WHEN random() < 0.4 THEN now() + (random() * 395 - 30) * interval '1 day' END, now(), now()
  FROM pairs JOIN o ON o.k = pairs.k
  ON CONFLICT DO NOTHING;`

const program = Effect.gen(function* () {
  const tenants = yield* TenantRepository
  const users = yield* UserRepository
  const memberships = yield* MembershipRepository
  const db = yield* Database
  const tenant = aTenant(`bench-${Date.now()}`)
  const other = aTenant(`bench-other-${Date.now()}`)
  yield* tenants.insert(tenant)
  yield* tenants.insert(other)
  yield* users.insertMany(Array.from({ length: 1_000 }, (_, i) => aUser(other.id, i)))
  for (let start = 0; start < rows; start += 20_000) {
    yield* users.insertMany(
      Array.from({ length: Math.min(20_000, rows - start) }, (_, i) => aUser(tenant.id, start + i))
    )
  }
  const owner = yield* Effect.promise(() => db.driver.connect({ owner: true }))
  for (const id of [tenant.id, other.id]) {
    for (const statement of SEED_MEMBERSHIPS.split(";").filter((sql) => sql.trim() !== ""))
      yield* Effect.promise(() => owner.query(statement, [id]))
  }
  yield* Effect.promise(() => owner.query("VACUUM ANALYZE"))
  const counted = yield* Effect.promise(() =>
    owner.query(
      "SELECT count(*)::int AS n, count(expires_at)::int AS dated FROM memberships WHERE tenant_id = $1",
      [tenant.id]
    )
  )
  owner.release()
  const { n: total, dated } = counted.rows[0] as { readonly n: number; readonly dated: number }
  console.info(`${rows} users, ${total} memberships (${dated} with an expiry) in 200 organizations`)

  const list = (query: Omit<MembershipListQuery, "limit">) =>
    memberships.listAcrossOrganizations(tenant.id, { limit: 50, ...query })
  // cursors in the middle of the dated rows and of the undated ones
  const at = (offset: number) =>
    db.query<{ expires_at: Date | null; organization_id: string; user_id: string }>(
      tenant.id,
      `SELECT expires_at, organization_id::text, user_id::text FROM memberships WHERE tenant_id = $1
       ORDER BY expires_at, organization_id, user_id OFFSET $2 LIMIT 1`,
      [tenant.id, offset]
    )
  const cursorAt = (offset: number) =>
    Effect.map(at(offset), ([row]) =>
      encodeCursor({
        key: row!.expires_at === null ? null : row!.expires_at.getTime(),
        id: `${row!.organization_id}/${row!.user_id}`
      })
    )
  const midDated = yield* cursorAt(Math.floor(dated / 2))
  const midUndated = yield* cursorAt(dated + Math.floor((total - dated) / 2))
  const organizations = yield* db.query<{ id: string }>(
    tenant.id,
    "SELECT id::text FROM organizations WHERE tenant_id = $1 ORDER BY name LIMIT 1",
    [tenant.id]
  )
  const someone = yield* db.query<{ user_id: string }>(
    tenant.id,
    "SELECT user_id::text FROM memberships WHERE tenant_id = $1 LIMIT 1",
    [tenant.id]
  )
  const now = new Date()
  const cases: ReadonlyArray<readonly [string, Omit<MembershipListQuery, "limit">]> = [
    ["first page (soonest expiry first)", {}],
    ["expiring within 7 days", { expiresAfter: now, expiresBefore: new Date(now.getTime() + 7 * DAY) }],
    ["expiring within 90 days", { expiresAfter: now, expiresBefore: new Date(now.getTime() + 90 * DAY) }],
    ["page after the middle of the dated rows", { cursor: midDated }],
    ["page in the middle of the undated rows", { cursor: midUndated }],
    ["one organization", { organizationId: organizations[0]!.id as never }],
    ["one user", { userId: someone[0]!.user_id as never }],
    ["role OPERATOR_FULL", { role: "OPERATOR_FULL" as never }],
    [`q "${RARE.toLowerCase()}" (rare)`, { q: RARE }],
    [`q "ada" (common)`, { q: "ada" }],
    [
      `q "ada", expiring within 30 days`,
      { q: "ada", expiresAfter: now, expiresBefore: new Date(now.getTime() + 30 * DAY) }
    ]
  ]
  const runs = 30
  console.info(`\nlistAcrossOrganizations, limit 50, ${runs} runs each: page + total p50 / p99`)
  for (const [label, query] of cases) {
    const result = yield* list(query)
    const timing = yield* measure(runs, list(query))
    console.info(`${label.padEnd(48)} ${ms(timing.p50)} / ${ms(timing.p99)}   (total ${result.total})`)
  }
})

await onFreshDatabase(admin, program)
