/**
 * Rows 1-6 and 8 on PostgreSQL: the built server in a child process on a fresh database, seeded (`BENCH_USERS` users,
 * then `BENCH_LARGE_USERS` in a second tenant), `VACUUM ANALYZE`d, measured against same-run baselines.
 */
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { breakdownRows, loginBreakdownRows } from "./breakdown/breakdown.ts"
import { createRunDatabase, vacuumAnalyze } from "./database.ts"
import { type BenchServer, startGatehouseProcess } from "./gatehouse.ts"
import { copyBaseline, importOverHttp, insertManyBaseline } from "./importScenario.ts"
import { count, type Report, single } from "./report.ts"
import { readRss } from "./rss.ts"
import { argon2Baseline, getLoad, startBareSelect } from "./scenarios.ts"
import { buildServer } from "./serverProcess.ts"
import { sideBySideRows } from "./sideBySide.ts"
import { repeat, type Spread } from "./stats.ts"
import { listFigures, type Seeded, seedStore, storeFigures } from "./storeFigures.ts"

type Figures = Record<string, Spread | undefined>

/** `measure` `BENCH_RUNS` times, each sample taken only when `measure` answers one. */
const samples = (report: Report, what: string, measure: () => Promise<Record<string, number>>) =>
  repeat(report.settings.runs, async () => (await report.attempt(what, measure)) ?? {})

/** Row 2's baseline: a bare Fastify + one SELECT on the same database (started and stopped here). */
const bareSelect = async (report: Report, databaseUrl: string, seeded: Seeded): Promise<Figures> => {
  const bare = await report.attempt("row 2 baseline (bare Fastify + SELECT)", () =>
    startBareSelect(databaseUrl, seeded.tenantId, seeded.emails[0]!)
  )
  if (bare === undefined) return {}
  try {
    return await samples(report, "row 2 baseline (bare Fastify + SELECT)", async () => {
      const result = report.load(await getLoad(report.settings, bare.url, undefined, "bare SELECT"))
      return { bare: result.rps, bareP99: result.p99 }
    })
  } finally {
    await report.attempt("row 2 baseline teardown", () => bare.stop())
  }
}

/** Row 4: the import over HTTP, a raw COPY and insertMany of the same rows, each into a fresh tenant per run. */
const importFigures = (report: Report, server: BenchServer, databaseUrl: string): Promise<Figures> => {
  const rows = report.settings.importRows
  return repeat(report.settings.runs, async (run) => {
    report.log(`PostgreSQL: import of ${count(rows)} rows, run ${run + 1}/${report.settings.runs}`)
    const stamp = `${run}-${Date.now()}`
    const figures: Record<string, number> = {}
    const http = await report.attempt("row 4 import", () => importOverHttp(server, `import-${stamp}`, rows))
    if (http !== undefined) figures.import = http
    const copy = await report.attempt("row 4 COPY baseline", () =>
      copyBaseline(server, databaseUrl, `copy-${stamp}`, rows)
    )
    if (copy !== undefined) figures.copy = copy
    const many = await report.attempt("row 4 insertMany baseline", () =>
      insertManyBaseline(server, `insert-many-${stamp}`, rows)
    )
    if (many !== undefined) figures.insertMany = many
    return figures
  })
}

const measure = async (
  report: Report,
  server: BenchServer,
  databaseUrl: string,
  dataDir: string
): Promise<Figures> => {
  const { settings, log } = report
  const wanted = (row: string) => report.wanted(row)
  const users = count(settings.users)
  const largeUsers = count(settings.largeUsers)
  // The targets of the rare search and of memory are set at 1M users; below that they are only indicative.
  const atMillion = settings.largeUsers >= 1_000_000

  const seeded = await seedStore(report, server, "bench-postgresql", settings.users, { logins: true })
  const large =
    settings.largeUsers > 0 && (wanted("3") || wanted("5"))
      ? await report.attempt(`seeding ${largeUsers} users`, () =>
          seedStore(report, server, "bench-large", settings.largeUsers, { logins: false, concurrency: 2 })
        )
      : undefined
  const analyzing = Date.now()
  const analyzed = await report.attempt("VACUUM ANALYZE after seeding", () => vacuumAnalyze(databaseUrl))
  if (analyzed !== undefined) {
    const seconds = ((Date.now() - analyzing) / 1000).toFixed(1)
    log(
      `PostgreSQL: VACUUM ANALYZE in ${seconds} s; the planner now estimates ${count(analyzed.estimatedUsers)} users`
    )
  }
  const afterSeeding = await report.attempt("row 5 RSS after seeding", async () => readRss(server.pid).rssMb)

  const figures: Figures = await storeFigures(report, server, seeded, "PostgreSQL", false)
  const atScale: Figures =
    large === undefined
      ? {}
      : await repeat(settings.runs, (run) => {
          log(`${largeUsers} users: run ${run + 1}/${settings.runs}`)
          return listFigures(report, server, large, `${largeUsers} users`)
        })
  const argon: Figures = wanted("1")
    ? await samples(report, "row 1 baseline (argon2 loop)", async () => ({
        rps: (await argon2Baseline(settings)).rps
      }))
    : {}
  // the bare route is the baseline of rows 2 and 3
  const bare = wanted("2") || wanted("3") ? await bareSelect(report, databaseUrl, seeded) : {}
  const imports =
    wanted("4") && settings.importRows > 0 ? await importFigures(report, server, databaseUrl) : {}
  const peak = await report.attempt("row 5 peak RSS", async () => readRss(server.pid).peakMb)

  report.add(
    "1. login (POST /v1/auth/login)",
    figures.login,
    "req/s",
    "ratio >= 0.9",
    (_, r) => (r === undefined ? undefined : r >= 0.9),
    argon.rps
  )
  report.add(
    "2. GET /v1/me vs bare Fastify + 1 SELECT",
    figures.me,
    "req/s",
    "ratio >= 0.5",
    (_, r) => (r === undefined ? undefined : r >= 0.5),
    bare.bare
  )
  report.add(
    "2. GET /v1/me p99",
    figures.meP99,
    "ms",
    "<= 2x the bare route's (ratio <= 2)",
    (_, r) => (r === undefined ? undefined : r <= 2),
    bare.bareP99
  )
  if (wanted("3")) {
    report.add(
      `3. GET /v1/users page 50 + total, ${users} users, vs the bare route`,
      figures.list,
      "req/s",
      ">= 0.25x the bare route (ratio >= 0.25)",
      (_, r) => (r === undefined ? undefined : r >= 0.25),
      bare.bare
    )
    report.add(
      "3. same, p99",
      figures.listP99,
      "ms",
      "<= 3x the bare route's (ratio <= 3)",
      (_, r) => (r === undefined ? undefined : r <= 3),
      bare.bareP99
    )
    report.add(
      `3. rare search term, ${users} users, p99`,
      figures.rareP99,
      "ms",
      "(<= 25 ms at 1M)",
      (f) => f.median <= 25
    )
    report.add(
      `3. GET /v1/users page 50 + total, ${largeUsers} users`,
      atScale.list,
      "req/s",
      "informational"
    )
    report.add(`3. same, p99`, atScale.listP99, "ms", "informational")
    report.add(
      `3. rare search term, ${largeUsers} users, p99`,
      atScale.rareP99,
      "ms",
      atMillion ? "<= 25 ms" : "(<= 25 ms at 1M)",
      (f) => f.median <= 25
    )
  }
  const rowsText = count(settings.importRows)
  report.add(
    `4. import ${rowsText} invite-only users vs raw COPY`,
    imports.import,
    "rows/s",
    "ratio >= 0.9",
    (_, r) => (r === undefined ? undefined : r >= 0.9),
    imports.copy
  )
  report.add(
    `4. same, vs insertMany (the adapter's bulk statement alone)`,
    imports.import,
    "rows/s",
    "informational (ratio)",
    undefined,
    imports.insertMany
  )
  if (wanted("5")) {
    const seededText = large === undefined ? users : `${users} + ${largeUsers}`
    const target = large !== undefined && atMillion ? "<= 200 MB" : "(<= 200 MB at 1M)"
    report.add(
      `5. server RSS after seeding ${seededText} users`,
      afterSeeding === undefined ? undefined : single(afterSeeding),
      "MB",
      target,
      (f) => f.median <= 200
    )
    const underLoad = [figures.rssUnderLoad, atScale.rssUnderLoad].filter((f) => f !== undefined)
    const maxUnderLoad = underLoad.length === 0 ? undefined : Math.max(...underLoad.map((f) => f.max))
    report.add(
      "5. server RSS peak under the list loads",
      maxUnderLoad === undefined ? undefined : single(maxUnderLoad),
      "MB",
      "<= 200 MB",
      (f) => f.max <= 200
    )
    report.add(
      "5. server peak RSS of the whole run so far (VmHWM, imports included)",
      peak === undefined ? undefined : single(peak),
      "MB",
      "informational"
    )
  }
  if (wanted("6")) {
    // Row 6 (bench/src/sideBySide.ts): Better Auth side by side with this server.
    const sideBySide = await report.attempt("row 6 (Better Auth side by side)", () =>
      sideBySideRows(settings, server, log)
    )
    report.rows.push(...(sideBySide ?? []))
  }
  if (wanted("1")) {
    await report.attempt("row 1b (the login's breakdown)", () =>
      loginBreakdownRows(report, databaseUrl, dataDir, seeded)
    )
  }
  if (wanted("8")) {
    await report.attempt("row 8 (per-layer breakdown)", () =>
      breakdownRows(report, databaseUrl, dataDir, seeded)
    )
  }
  return { ...figures, ...imports }
}

/** Builds the server, creates the run's database, runs the stage, and tears everything down. */
export const postgresStage = async (report: Report): Promise<Figures> => {
  report.log("PostgreSQL: building the server (turbo run build --filter=@gatehouse/server...)")
  await buildServer()
  const database = await createRunDatabase(report.settings.adminUrl)
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-"))
  let server: BenchServer | undefined
  try {
    server = await startGatehouseProcess({ databaseUrl: database.url, dataDir })
    report.log(`PostgreSQL: server process ${server.pid} (apps/server/dist/main.js) on ${server.url}`)
    return await measure(report, server, database.url, dataDir)
  } finally {
    await report.attempt("PostgreSQL teardown (server)", async () => server?.stop())
    await report.attempt("PostgreSQL teardown (database)", () => database.drop())
    rmSync(dataDir, { recursive: true, force: true })
  }
}
