/**
 * Row 7: rows 1-4 on PGlite, the server in this process (PGlite is owned by one process), against the same
 * figures on PostgreSQL in this run.
 */
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { type BenchServer, startGatehouse } from "./gatehouse.ts"
import { importOverHttp } from "./importScenario.ts"
import { count, type Report } from "./report.ts"
import { repeat, type Spread } from "./stats.ts"
import { seedStore, storeFigures } from "./storeFigures.ts"

export const pgliteStage = async (report: Report, postgres: Record<string, Spread | undefined>) => {
  const { settings } = report
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-"))
  let server: BenchServer | undefined
  try {
    server = await startGatehouse({ dataDir })
    const started = server
    const seeded = await seedStore(report, started, "bench-pglite", settings.pgliteUsers, { logins: true })
    const figures = await storeFigures(report, started, seeded, "PGlite", true)
    const rows = settings.pgliteImportRows
    const imports =
      rows > 0
        ? await repeat(settings.runs, async (run): Promise<Record<string, number>> => {
            report.log(`PGlite: import of ${count(rows)} rows, run ${run + 1}/${settings.runs}`)
            const rate = await report.attempt("row 7 PGlite import", () =>
              importOverHttp(started, `import-${run}-${Date.now()}`, rows)
            )
            return rate === undefined ? {} : { import: rate }
          })
        : {}
    // The baseline of a PGlite figure is the same figure on the PostgreSQL server in this run, where comparable.
    const sameUsers = settings.pgliteUsers === settings.users
    const n = count(settings.pgliteUsers)
    report.add("7. PGlite login", figures.login, "req/s", "vs PostgreSQL", undefined, postgres.login)
    report.add("7. PGlite GET /v1/me", figures.me, "req/s", "vs PostgreSQL", undefined, postgres.me)
    report.add("7. PGlite GET /v1/me p99", figures.meP99, "ms", "vs PostgreSQL", undefined, postgres.meP99)
    const list = sameUsers ? postgres.list : undefined
    report.add(`7. PGlite list page 50, ${n} users`, figures.list, "req/s", "vs PostgreSQL", undefined, list)
    const listP99 = sameUsers ? postgres.listP99 : undefined
    report.add(
      "7. PGlite list p99",
      figures.listP99,
      "ms",
      settings.pgliteUsers === 10_000 ? "<= 50 ms" : "(<= 50 ms at 10,000 users)",
      (f) => f.median <= 50,
      listP99
    )
    const rareP99 = sameUsers ? postgres.rareP99 : undefined
    report.add(
      `7. PGlite rare search, ${n} users, p99`,
      figures.rareP99,
      "ms",
      "vs PostgreSQL",
      undefined,
      rareP99
    )
    const importVs = rows === settings.importRows ? postgres.import : undefined
    report.add(
      `7. PGlite import ${count(rows)} invite-only users`,
      imports.import,
      "rows/s",
      "vs PostgreSQL",
      undefined,
      importVs
    )
  } finally {
    await report.attempt("PGlite teardown", async () => server?.stop())
    rmSync(dataDir, { recursive: true, force: true })
  }
}
