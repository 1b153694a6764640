/**
 * Row 9: the console's heaviest page, the users grid on 100,000 users, as `npm run bench:grid` measures it (the
 * built server on PGlite, Debian's Chromium; `consoleGrid.ts`), run as a child process that writes its figures to a
 * file. Skipped with a line under the table when there is no Chromium.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import type { GridFigures } from "./gridTiming.ts"
import { BUDGET_MS } from "./gridTiming.ts"
import { count, type Report } from "./report.ts"
import { spread } from "./stats.ts"

const HERE = fileURLToPath(new URL(".", import.meta.url))

const runGridBench = (jsonFile: string, runs: number, log: (line: string) => void) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--experimental-transform-types",
        "--no-warnings",
        "--conditions=@gatehouse/source",
        join(HERE, "consoleGrid.ts")
      ],
      {
        env: { ...process.env, BENCH_GRID_JSON: jsonFile, BENCH_GRID_RUNS: String(runs) },
        stdio: ["ignore", "pipe", "pipe"]
      }
    )
    let tail = ""
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-2000)
      for (const line of chunk.toString().split("\n")) if (line.trim() !== "") log(`  grid: ${line}`)
    }
    child.stdout.on("data", keep)
    child.stderr.on("data", keep)
    child.on("error", reject)
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`consoleGrid.ts exited with ${code}: ${tail}`))
    )
  })

/** Adds row 9 (in-app navigation, full page load, the view's API calls) to `report`. */
export const gridRows = async (report: Report): Promise<void> => {
  if (!existsSync(process.env.GATEHOUSE_E2E_CHROMIUM ?? "/usr/bin/chromium"))
    throw new Error("no Chromium at /usr/bin/chromium (apt-get install -y chromium)")
  const folder = mkdtempSync(join(tmpdir(), "gatehouse-grid-row-"))
  const jsonFile = join(folder, "grid.json")
  try {
    report.log("Console users grid (consoleGrid.ts, PGlite + Chromium)")
    await runGridBench(jsonFile, Math.max(5, report.settings.runs), report.log)
    const figures = JSON.parse(readFileSync(jsonFile, "utf8")) as GridFigures
    const within = (f: { readonly median: number }) => f.median <= BUDGET_MS
    const users = count(figures.users)
    report.add(
      `9. console users grid, page of 50 of ${users} users (PGlite), in-app navigation to the 50th row`,
      spread(figures.inApp),
      "ms",
      `<= ${BUDGET_MS} ms`,
      within
    )
    report.add(
      "9. same, full page load (HTML, JavaScript, /v1/me and the list)",
      spread(figures.fullLoad),
      "ms",
      `<= ${BUDGET_MS} ms`,
      within
    )
    report.add("9. same, API calls of one in-app view", spread(figures.apiCalls), "calls", "informational")
    report.add(
      "9. same, the slowest API call's server time (time to first byte)",
      spread(figures.apiServerMs),
      "ms",
      "informational"
    )
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
