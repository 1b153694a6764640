/**
 * Bulk-insert figures on a PostgreSQL server: N invite-only users (pending, no password) into one tenant, by
 * `UserRepository.insertMany` as the import calls it (batches of 1,000 in one transaction) and in one call,
 * against a raw baseline of the same rows in the same run: the table owner (no RLS) inserting them with a plain
 * `INSERT ... SELECT FROM unnest(...)` per 5,000 rows (no ON CONFLICT, no RETURNING, no savepoint), and the
 * group links likewise. Every run starts from an empty users table; methods alternate so that load from
 * other processes falls on all of them. Medians of `runs` runs. Not part of `npm test`.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
 *     node --experimental-transform-types --conditions=@gatehouse/source bench/bulkInsert.ts [rows] [runs]
 *
 * Besides wall time it reports the server backend's CPU time per 1,000 rows (read from /proc when the
 * server runs on this machine): on a shared machine that figure moves far less than wall time.
 */
import { readFileSync } from "node:fs"
import { loadavg } from "node:os"
import {
  type GroupId,
  type RoleName,
  type Tenant,
  type TenantId,
  TenantRepository,
  Transactor,
  type User,
  type UserId,
  UserRepository
} from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import pg from "pg"
import { spreadUser, uuid7 } from "../../../bench/src/userSpread.ts"
import { Database, layerPg } from "../src/index.ts"
import { bulkParameters } from "../src/repositories/bulkInsert.ts"
import { benchTenant } from "./support.ts"

const rows = Number(process.argv[2] ?? 100_000)
const runs = Number(process.argv[3] ?? 3)
const admin = process.env.DATABASE_URL
if (admin === undefined) throw new Error("Set DATABASE_URL (the admin connection)")

/** What an import creates: pending users of one import instant; a third in a group, some with a display name. */
const importedUsers = (tenantId: TenantId, groups: ReadonlyArray<GroupId>): Array<User> => {
  const at = new Date()
  return Array.from({ length: rows }, (_, i) => ({
    ...spreadUser(tenantId, i),
    id: uuid7(at.getTime()) as UserId,
    role: "Regular" as RoleName,
    modulePermissions: i % 7 === 0 ? ["module:orders"] : [],
    groupIds: i % 3 === 0 ? [groups[i % groups.length]!] : [],
    status: "pending",
    emailVerified: false,
    lastLoginAt: null,
    createdAt: at,
    updatedAt: at
  }))
}

const tenantOf = (slug: string): Tenant => {
  const at = new Date()
  return benchTenant(uuid7(at.getTime()), slug, "weevio", at)
}

const COLUMNS = `tenant_id, id, email, first_name, last_name, display_name, phone, language, admin_notes, role,
  module_permissions, department_id, status, email_verified, phone_verified, must_change_password, require_totp,
  totp_enabled, password_hash, last_login_at, created_at, updated_at, version, name_key, display_key, kind,
  awaiting_setup`

const RAW_USERS = `INSERT INTO users (${COLUMNS})
  SELECT tenant_id, id, email, first_name, last_name, display_name, phone, language, admin_notes, role,
    module_permissions::text[], department_id, status, email_verified, phone_verified, must_change_password,
    require_totp, totp_enabled, password_hash, last_login_at, created_at, updated_at, version, name_key, display_key,
    kind, awaiting_setup
  FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::text[], $10::text[], $11::text[], $12::uuid[], $13::text[], $14::boolean[], $15::boolean[], $16::boolean[],
    $17::boolean[], $18::boolean[], $19::text[], $20::timestamptz[], $21::timestamptz[], $22::timestamptz[],
    $23::int[], $24::text[], $25::text[], $26::text[], $27::boolean[])
  AS t(${COLUMNS})`

const RAW_LINKS = `INSERT INTO user_groups (tenant_id, user_id, group_id, position)
  SELECT $1::uuid, user_id, group_id, position FROM unnest($2::uuid[], $3::uuid[], $4::int[])
  AS l(user_id, group_id, position)`

/** CPU time (user + system) of a server process in ms, when the server runs here; undefined otherwise. */
const cpuMillis = (pid: number): number | undefined => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return undefined
  }
}

interface Sample {
  readonly rowsPerSecond: number
  readonly cpuPerThousand: number | undefined
}

const median = (values: ReadonlyArray<number>) => [...values].sort((a, b) => a - b)[values.length >> 1]!

const program = (owner: pg.Client) =>
  Effect.gen(function* () {
    const db = yield* Database
    const users = yield* UserRepository
    const transactor = yield* Transactor
    const tenant = tenantOf(`bulk-${Date.now()}`)
    yield* (yield* TenantRepository).insert(tenant)
    const groups = Array.from({ length: 10 }, () => uuid7(Date.now()) as GroupId)
    for (const id of groups)
      yield* Effect.promise(() =>
        owner.query("INSERT INTO groups VALUES ($1, $2, $3, $3, null, now(), now())", [tenant.id, id, id])
      )

    const appPid = Effect.map(
      db.query<{ pid: number }>(null, "SELECT pg_backend_pid() AS pid"),
      (result) => result[0]!.pid
    )
    const ownerPid = (yield* Effect.promise(() => owner.query("SELECT pg_backend_pid() AS pid"))).rows[0]
      .pid as number

    const methods: ReadonlyArray<{
      readonly label: string
      readonly pid: Effect.Effect<number>
      readonly insert: (batch: ReadonlyArray<User>) => Effect.Effect<void, unknown>
    }> = [
      {
        label: "raw unnest, table owner (baseline)",
        pid: Effect.succeed(ownerPid),
        insert: (batch) =>
          Effect.promise(async () => {
            await owner.query("BEGIN")
            for (let start = 0; start < batch.length; start += 5_000) {
              const chunk = batch.slice(start, start + 5_000)
              const parameters = bulkParameters(chunk)
              await owner.query(RAW_USERS, parameters.slice(0, 27) as Array<string>)
              await owner.query(RAW_LINKS, [tenant.id, ...parameters.slice(27)])
            }
            await owner.query("COMMIT")
          })
      },
      {
        label: "insertMany, 1,000 per call, one transaction",
        pid: appPid,
        insert: (batch) =>
          transactor.withTransaction(
            Effect.forEach(
              Array.from({ length: Math.ceil(batch.length / 1_000) }, (_, i) =>
                batch.slice(i * 1_000, (i + 1) * 1_000)
              ),
              (part) => users.insertMany(part),
              { discard: true }
            )
          )
      },
      { label: "insertMany, one call", pid: appPid, insert: (batch) => users.insertMany(batch) }
    ]

    const samples = new Map<string, Array<Sample>>(methods.map((m) => [m.label, []]))
    const loadBefore = loadavg()
    for (let run = 0; run < runs; run++) {
      // Rotate the order each run, so that no method always comes first after a checkpoint.
      for (let k = 0; k < methods.length; k++) {
        const method = methods[(run + k) % methods.length]!
        yield* Effect.promise(async () => {
          await owner.query("TRUNCATE users CASCADE")
          await owner.query("CHECKPOINT")
        })
        const batch = importedUsers(tenant.id, groups)
        const pid = yield* method.pid
        const cpuBefore = cpuMillis(pid)
        const started = performance.now()
        yield* method.insert(batch)
        const seconds = (performance.now() - started) / 1000
        const cpuAfter = cpuMillis(pid)
        const samePid = (yield* method.pid) === pid
        const cpu =
          cpuBefore !== undefined && cpuAfter !== undefined && samePid
            ? ((cpuAfter - cpuBefore) / rows) * 1000
            : undefined
        const count = yield* Effect.promise(() => owner.query("SELECT count(*)::int AS n FROM users"))
        if (count.rows[0].n !== rows) throw new Error(`${method.label}: ${count.rows[0].n} rows, not ${rows}`)
        samples.get(method.label)!.push({ rowsPerSecond: rows / seconds, cpuPerThousand: cpu })
        console.info(
          `run ${run + 1} ${method.label}: ${Math.round(rows / seconds)} rows/s` +
            (cpu === undefined ? "" : `, backend CPU ${cpu.toFixed(1)} ms per 1,000 rows`)
        )
      }
    }
    const loadAfter = loadavg()

    const baseline = samples.get(methods[0]!.label)!
    const baseRate = median(baseline.map((s) => s.rowsPerSecond))
    const baseCpu = baseline.every((s) => s.cpuPerThousand !== undefined)
      ? median(baseline.map((s) => s.cpuPerThousand!))
      : undefined
    console.info(
      `\n${rows} invite-only users, ${runs} runs, medians (min-max); load average ${loadBefore
        .map((l) => l.toFixed(1))
        .join(" ")} before, ${loadAfter.map((l) => l.toFixed(1)).join(" ")} after\n`
    )
    console.info("| method | rows/s | vs baseline | backend CPU per 1k rows | vs baseline |")
    console.info("| --- | --- | --- | --- | --- |")
    for (const method of methods) {
      const list = samples.get(method.label)!
      const rates = list.map((s) => s.rowsPerSecond)
      const rate = median(rates)
      const cpus = list.every((s) => s.cpuPerThousand !== undefined)
        ? list.map((s) => s.cpuPerThousand!)
        : undefined
      const cpu = cpus === undefined ? undefined : median(cpus)
      console.info(
        `| ${method.label} | ${Math.round(rate)} (${Math.round(Math.min(...rates))}-${Math.round(
          Math.max(...rates)
        )}) | ${(rate / baseRate).toFixed(2)} | ${
          cpu === undefined
            ? "n/a"
            : `${cpu.toFixed(1)} ms (${Math.min(...cpus!).toFixed(1)}-${Math.max(...cpus!).toFixed(1)})`
        } | ${cpu === undefined || baseCpu === undefined ? "n/a" : (cpu / baseCpu).toFixed(2)} |`
      )
    }
  })

const main = async () => {
  const name = `gatehouse_bench_${globalThis.crypto.randomUUID().replaceAll("-", "")}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`CREATE DATABASE ${name}`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  const owner = new pg.Client({ connectionString: url.toString() })
  owner.on("error", () => {})
  try {
    // One pooled session: the backend whose CPU time is read is the one doing the work.
    const layer = Layer.fresh(layerPg({ connectionString: url.toString(), maxConnections: 1 }))
    await Effect.runPromise(
      Effect.gen(function* () {
        yield* Database // migrated
        yield* Effect.promise(() => owner.connect())
        yield* program(owner)
      }).pipe(Effect.provide(layer), Effect.scoped)
    )
  } finally {
    await owner.end().catch(() => undefined)
    await client.query(`DROP DATABASE ${name} WITH (FORCE)`)
    await client.end()
  }
}

await main()
