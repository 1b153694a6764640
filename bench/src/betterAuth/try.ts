/**
 * Row 6 alone, for development: starts Gatehouse on a fresh PostgreSQL database (as run.ts does), runs
 * `sideBySideRows` and prints its table. Settings from the environment (README), e.g.
 * `BENCH_DURATION=3 BENCH_RUNS=1 node --experimental-transform-types --conditions=@gatehouse/source bench/src/betterAuth/try.ts`
 */
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { createRunDatabase } from "../database.ts"
import { type BenchServer, startGatehouse } from "../gatehouse.ts"
import { readSettings } from "../settings.ts"
import { sideBySideRows } from "../sideBySide.ts"
import { markdownTable } from "../table.ts"

const settings = readSettings(process.env)
const loadBefore = os.loadavg()
const database = await createRunDatabase(settings.adminUrl)
const dataDir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-"))
let server: BenchServer | undefined
try {
  server = await startGatehouse({ databaseUrl: database.url, dataDir })
  const rows = await sideBySideRows(settings, server)
  const fmt = (values: ReadonlyArray<number>) => values.map((value) => value.toFixed(2)).join(" / ")
  process.stdout.write(
    [
      "",
      markdownTable(rows),
      "",
      `Runs: ${settings.runs} x ${settings.duration} s, ${settings.connections} connections, load generator: autocannon.`,
      `Load average (1/5/15 min) ${fmt(loadBefore)} before, ${fmt(os.loadavg())} after.`,
      ""
    ].join("\n")
  )
} finally {
  await server?.stop()
  await database.drop()
  rmSync(dataDir, { recursive: true, force: true })
}
