/**
 * `npm run bench`: Gatehouse for PostgreSQL (the built server in a child process, a fresh database), then on
 * PGlite (in this process, a temporary folder), each seeded and measured `BENCH_RUNS` times against baselines
 * measured in the same run (load from a separate process, src/load.ts). Prints one markdown table with the
 * machine's load; a figure that could not be taken is listed under it, never aborts the run.
 */
import os from "node:os"
import { gridRows } from "./gridRow.ts"
import { pgliteStage } from "./pgliteStage.ts"
import { postgresStage } from "./postgresStage.ts"
import { Report } from "./report.ts"
import { readSettings } from "./settings.ts"
import { markdownTable } from "./table.ts"

const report = new Report(readSettings(process.env))
const { settings } = report

const began = Date.now()
const loadBefore = os.loadavg()
const postgres = [..."1234568"].some((row) => report.wanted(row))
  ? ((await report.attempt("PostgreSQL stage", () => postgresStage(report))) ?? {})
  : {}
if (report.wanted("7") && settings.pgliteUsers > 0) {
  await report.attempt("PGlite stage", () => pgliteStage(report, postgres))
}
if (report.wanted("9")) {
  await report.attempt("row 9 (console users grid)", () => gridRows(report))
}
const loadAfter = os.loadavg()

const fmt = (values: ReadonlyArray<number>) => values.map((value) => value.toFixed(2)).join(" / ")
process.stdout.write(
  [
    "",
    markdownTable(report.rows),
    "",
    `Runs: ${settings.runs} x ${settings.duration} s, ${settings.connections} connections, load generator: ${[...report.generators].join(", ") || "none"}.`,
    `Machine: ${os.cpus().length} cores, load average (1/5/15 min) ${fmt(loadBefore)} before, ${fmt(loadAfter)} after.`,
    ...report.failureLines(),
    `Node ${process.version}; total ${((Date.now() - began) / 1000).toFixed(0)} s.`,
    ""
  ].join("\n")
)
