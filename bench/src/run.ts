/**
 * `npm run bench`: starts Gatehouse (PostgreSQL in a fresh database, then PGlite in a temporary folder) on
 * 127.0.0.1, seeds it, measures each figure `BENCH_RUNS` times against a baseline measured in the same run
 * (load from a separate process, src/load.ts), and prints one markdown table with the machine's load.
 */
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import type { TenantId } from "@gatehouse/domain"
import { createRunDatabase } from "./database.ts"
import { type BenchServer, startGatehouse } from "./gatehouse.ts"
import type { LoadResult } from "./loadSpec.ts"
import {
  argon2Baseline,
  getLoad,
  importFigures,
  listUrls,
  loginLoad,
  peakRss,
  startBareSelect
} from "./scenarios.ts"
import { login, seedLoginAccounts, seedTenant, seedUsers } from "./seed.ts"
import { readSettings } from "./settings.ts"
import { repeat, type Spread } from "./stats.ts"
import { markdownTable, type Row } from "./table.ts"

const settings = readSettings(process.env)
const wanted = (row: string) => settings.only.size === 0 || settings.only.has(row)
const log = (message: string) => process.stderr.write(`${message}\n`)
const generators = new Set<string>()
/** Figures that could not be taken, printed under the table rather than aborting the run. */
const failures: Array<string> = []
const load = (result: LoadResult) => {
  generators.add(result.generator)
  return result
}
const rssMb = () => process.memoryUsage().rss / 2 ** 20
const single = (value: number): Spread => ({ median: value, min: value, max: value })

const row = (
  metric: string,
  gatehouse: Spread,
  unit: string,
  target: string,
  met?: boolean,
  baseline?: Spread
): Row => ({
  metric,
  gatehouse,
  unit,
  baseline,
  ratio: baseline === undefined ? undefined : gatehouse.median / baseline.median,
  target,
  met
})

/** A seeded store: the listed tenant with `users` users, login accounts, an admin's and a user's token. */
const prepare = async (server: BenchServer, users: number, label: string) => {
  const slug = `bench-${label.toLowerCase()}`
  const tenant = await seedTenant(server, slug)
  const started = Date.now()
  await seedUsers(server, tenant.id as TenantId, users)
  const emails = await seedLoginAccounts(
    server,
    tenant.id as TenantId,
    Math.max(20, settings.connections * 2)
  )
  log(`${label}: seeded ${users} users in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return {
    slug,
    tenantId: tenant.id as string,
    emails,
    adminToken: await login(server.url, slug, `admin@${slug}.example.com`),
    userToken: await login(server.url, slug, emails[0]!)
  }
}
type Seeded = Awaited<ReturnType<typeof prepare>>

/** Login, /v1/me and list figures of one store, `runs` times (rows 1-3 and 5, or row 7 for PGlite). */
const storeFigures = (server: BenchServer, seeded: Seeded, label: string, all: boolean) => {
  const urls = listUrls(server)
  return repeat(settings.runs, async (run) => {
    log(`${label}: run ${run + 1}/${settings.runs}`)
    const figures: Record<string, number> = {}
    if (all || wanted("1"))
      figures.login = load(await loginLoad(settings, server, seeded.slug, seeded.emails)).rps
    if (all || wanted("2")) {
      const me = load(await getLoad(settings, `${server.url}/v1/me`, seeded.userToken, "/v1/me"))
      figures.me = me.rps
      figures.meP99 = me.p99
    }
    if (all || wanted("3") || wanted("5")) {
      const { result, peakMb } = await peakRss(getLoad(settings, urls.page, seeded.adminToken, "list"))
      figures.list = load(result).rps
      figures.listP99 = result.p99
      figures.rssUnderLoad = peakMb
      figures.rareP99 = load(await getLoad(settings, urls.rare, seeded.adminToken, "rare search")).p99
    }
    return figures
  })
}

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-"))

const onPostgres = async (rows: Array<Row>) => {
  const database = await createRunDatabase(settings.adminUrl)
  const dataDir = tempDir()
  let server: BenchServer | undefined
  try {
    server = await startGatehouse({ databaseUrl: database.url, dataDir })
    const seeded = await prepare(server, settings.users, "PostgreSQL")
    const rssAfterSeeding = rssMb()
    const figures = await storeFigures(server, seeded, "PostgreSQL", false)
    if (wanted("1")) {
      const argon = await repeat(settings.runs, async () => ({ rps: (await argon2Baseline(settings)).rps }))
      const ratio = figures.login!.median / argon.rps.median
      rows.push(
        row(
          "1. login (POST /v1/auth/login)",
          figures.login!,
          "req/s",
          "ratio >= 0.9",
          ratio >= 0.9,
          argon.rps
        )
      )
    }
    if (wanted("2")) {
      const bare = await startBareSelect(database.url, seeded.tenantId, seeded.emails[0]!)
      try {
        const baseline = await repeat(settings.runs, async () => {
          const result = load(await getLoad(settings, bare.url, undefined, "bare SELECT"))
          return { rps: result.rps, p99: result.p99 }
        })
        const ratio = figures.me!.median / baseline.rps.median
        rows.push(
          row(
            "2. GET /v1/me vs bare Fastify + 1 SELECT",
            figures.me!,
            "req/s",
            "ratio >= 0.5",
            ratio >= 0.5,
            baseline.rps
          )
        )
        rows.push(
          row("2. GET /v1/me p99", figures.meP99!, "ms", "<= 5 ms", figures.meP99!.median <= 5, baseline.p99)
        )
      } finally {
        await bare.stop()
      }
    }
    if (wanted("3")) {
      const n = settings.users.toLocaleString("en-US")
      rows.push(
        row(
          `3. GET /v1/users page 50 + total, ${n} users`,
          figures.list!,
          "req/s",
          ">= 2,000 req/s",
          figures.list!.median >= 2000
        )
      )
      rows.push(row(`3. same, p99`, figures.listP99!, "ms", "<= 10 ms", figures.listP99!.median <= 10))
      rows.push(
        row(
          `3. rare search term, ${n} users, p99`,
          figures.rareP99!,
          "ms",
          "<= 25 ms at 1M (here: see users)",
          figures.rareP99!.median <= 25
        )
      )
    }
    let imports: Awaited<ReturnType<typeof importFigures>> | undefined
    if (wanted("4") && settings.importRows > 0) {
      log(`PostgreSQL: import of ${settings.importRows} rows, ${settings.runs} runs`)
      imports = await importFigures(settings, server).catch((error: unknown) => {
        failures.push(
          `row 4 (import) failed: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`
        )
        return undefined
      })
    }
    if (wanted("4") && settings.importRows > 0 && imports !== undefined) {
      rows.push(
        row(
          `4. import ${settings.importRows.toLocaleString("en-US")} invite-only users vs insertMany`,
          imports.gatehouse,
          "rows/s",
          ">= 20,000 rows/s",
          imports.gatehouse.median >= 20_000,
          imports.baseline
        )
      )
    }
    if (wanted("5")) {
      rows.push(
        row(
          `5. RSS after seeding ${settings.users.toLocaleString("en-US")} users`,
          single(rssAfterSeeding),
          "MB",
          "<= 200 MB (at 1M)",
          rssAfterSeeding <= 200
        )
      )
      rows.push(
        row(
          "5. RSS peak under list load",
          figures.rssUnderLoad!,
          "MB",
          "<= 200 MB",
          figures.rssUnderLoad!.max <= 200
        )
      )
    }
    return figures
  } finally {
    await server?.stop()
    await database.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const onPglite = async (rows: Array<Row>, postgres: Record<string, Spread> | undefined) => {
  const dataDir = tempDir()
  let server: BenchServer | undefined
  try {
    server = await startGatehouse({ dataDir })
    const seeded = await prepare(server, settings.pgliteUsers, "PGlite")
    const figures = await storeFigures(server, seeded, "PGlite", true)
    // The baseline of a PGlite figure is the same figure on the PostgreSQL server in this run.
    const against = (key: string) => postgres?.[key]
    const n = settings.pgliteUsers.toLocaleString("en-US")
    rows.push(row("7. PGlite login", figures.login!, "req/s", "vs PostgreSQL", undefined, against("login")))
    rows.push(row("7. PGlite GET /v1/me", figures.me!, "req/s", "vs PostgreSQL", undefined, against("me")))
    rows.push(
      row("7. PGlite GET /v1/me p99", figures.meP99!, "ms", "vs PostgreSQL", undefined, against("meP99"))
    )
    rows.push(
      row(
        `7. PGlite list page 50, ${n} users`,
        figures.list!,
        "req/s",
        "vs PostgreSQL",
        undefined,
        settings.pgliteUsers === settings.users ? against("list") : undefined
      )
    )
    rows.push(
      row(
        "7. PGlite list p99",
        figures.listP99!,
        "ms",
        "vs PostgreSQL",
        undefined,
        settings.pgliteUsers === settings.users ? against("listP99") : undefined
      )
    )
  } finally {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const began = Date.now()
const loadBefore = os.loadavg()
const rows: Array<Row> = []
const onPg = [..."12345"].some(wanted) ? await onPostgres(rows) : undefined
if (wanted("7") && settings.pgliteUsers > 0) await onPglite(rows, onPg)
const loadAfter = os.loadavg()

const fmt = (values: ReadonlyArray<number>) => values.map((value) => value.toFixed(2)).join(" / ")
process.stdout.write(
  [
    "",
    markdownTable(rows),
    "",
    `Runs: ${settings.runs} x ${settings.duration} s, ${settings.connections} connections, load generator: ${[...generators].join(", ") || "none"}.`,
    `Machine: ${os.cpus().length} cores, load average (1/5/15 min) ${fmt(loadBefore)} before, ${fmt(loadAfter)} after.`,
    ...failures.map((failure) => `NOT MEASURED: ${failure}`),
    `Node ${process.version}; total ${((Date.now() - began) / 1000).toFixed(0)} s. Rows 6 (Better Auth) and 3 at 1M users are not measured.`,
    ""
  ].join("\n")
)
