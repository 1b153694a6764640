/**
 * The console's users grid on 100,000 users (CONSOLE.md budget: a page of 50 within 300 ms of navigation).
 *
 * The built server (`apps/server/dist/main.js`, serving the built console) on a fresh PGlite data folder; a
 * weevio tenant through the platform API; 100,000 users through the API's bulk path (`POST /v1/users/import`,
 * JSON, 10 requests of 10,000 rows); then Debian's Chromium (Playwright) signs in and opens User Management:
 * - "in-app": from the home page (loaded, its overview answered, no users cached), from the pointer going down on
 *   the navigation link until the 50th row and the Total Users footer are in a frame;
 * - "full load": `page.goto("/users")` (HTML, JavaScript, /v1/me and the list), from the navigation's start until
 *   the same (`gridTiming.ts` says how both are timed).
 * Five runs of each (`BENCH_GRID_RUNS`); the median, the worst and whether the median meets the 300 ms budget are
 * printed, with the requests of the median run (start and end on the same clock, server time = time to first
 * byte), so the time splits into the route's JavaScript, the API calls and the rendering after the last answer.
 * `BENCH_GRID_DATA_DIR=<folder>` keeps the data folder (seeded once, reused by the next runs: seeding is skipped
 * when the tenant already has the users). `BENCH_GRID_COMPARE_CONSOLE=<built console folder>` (e.g. a copy of an
 * earlier `apps/console/dist`) also serves that console, from a second server on a copy of the data folder, and
 * alternates the runs between the two: on a machine others share, both see the same load.
 * `BENCH_GRID_JSON=<file>` also writes this build's figures there (`gridRow.ts`: row 9 of `npm run bench`).
 * Run: `npm run bench:grid -w @gatehouse/bench`.
 */
import { execFileSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { type Browser, chromium } from "@playwright/test"
import { type GridFigures, installProbe, type Measured, measure, report } from "./gridTiming.ts"
import { type ServerProcess, startServerProcess } from "./serverProcess.ts"

const ROOT = fileURLToPath(new URL("../../", import.meta.url))
const USERS = Number(process.env.BENCH_GRID_USERS ?? 100_000)
const BATCH = 10_000
const RUNS = Number(process.env.BENCH_GRID_RUNS ?? 5)
const COMPARE = process.env.BENCH_GRID_COMPARE_CONSOLE
const PASSWORD = "Correct horse battery staple 42!"

const json = async (response: Response) => {
  const text = await response.text()
  if (!response.ok) throw new Error(`${response.status}: ${text.slice(0, 500)}`)
  return text === "" ? undefined : JSON.parse(text)
}

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")

execFileSync(
  join(ROOT, "node_modules/.bin/turbo"),
  ["run", "build", "--filter=@gatehouse/server", "--filter=@gatehouse/console", "--output-logs=errors-only"],
  { cwd: ROOT, stdio: "inherit" }
)

const start = (dataDir: string, consoleDir?: string) =>
  startServerProcess({
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_PLATFORM_TOKEN: randomBytes(32).toString("base64url"),
    GATEHOUSE_BOOTSTRAP_TENANT: "bench-grid",
    GATEHOUSE_BOOTSTRAP_PRESET: "weevio",
    GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "admin@bench-grid.example.com",
    GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
    GATEHOUSE_LOG_LEVEL: "warn",
    ...(consoleDir === undefined ? {} : { GATEHOUSE_CONSOLE_DIR: consoleDir })
  })

/** 100,000 users through `POST /v1/users/import`, unless the folder already holds them. */
const seed = async (server: ServerProcess, dataDir: string) => {
  const headers = { "content-type": "application/json", origin: server.url }
  const login = await json(
    await fetch(`${server.url}/v1/auth/login`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        tenant: "bench-grid",
        email: "admin@bench-grid.example.com",
        password: PASSWORD
      })
    })
  )
  const auth = { ...headers, authorization: `Bearer ${login.token}` }
  const seeded = performance.now()
  const present = (await json(await fetch(`${server.url}/v1/users?limit=1`, { headers: auth }))).total
  if (present > 1 && present !== USERS + 1)
    throw new Error(`${dataDir} holds ${present - 1} users, not ${USERS}: use another BENCH_GRID_DATA_DIR`)
  if (present > 1) return console.log(`reused ${dataDir}: ${USERS} users already there`)
  for (let first = 0; first < USERS; first += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, USERS - first) }, (_, k) => {
      const i = first + k
      return {
        email: `user${i}@grid.example.com`,
        firstName: `First${i % 997}`,
        lastName: `Last${i}`,
        role: "Regular"
      }
    })
    const report = await json(
      await fetch(`${server.url}/v1/users/import?mode=partial`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ rows })
      })
    )
    if (report.created !== rows.length) throw new Error(`import created ${report.created} of ${rows.length}`)
  }
  console.log(
    `seeded ${USERS} users through POST /v1/users/import in ${((performance.now() - seeded) / 1000).toFixed(1)} s`
  )
}

const footers = [`Total Users: ${(USERS + 1).toLocaleString("en-US")}`, `Total Users: ${USERS + 1}`] as const

/** A signed-in page on `url`, and one run of it: the in-app navigation, then the full load. */
const openGrid = async (browser: Browser, url: string) => {
  const page = await browser.newPage({ baseURL: url })
  await installProbe(page, footers)
  await page.goto("/sign-in")
  await page.getByRole("textbox", { name: "Tenant" }).fill("bench-grid")
  await page.getByRole("textbox", { name: "Email" }).fill("admin@bench-grid.example.com")
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD)
  await page.getByRole("button", { name: "Sign in" }).click()
  await page.waitForURL(/\/$/)
  const inApp: Array<Measured> = []
  const fullLoad: Array<Measured> = []
  const run = async () => {
    await page.goto("/")
    // the home page done loading (its overview's requests answered), then the click
    await page.getByRole("link", { name: "User Management" }).waitFor()
    await page.waitForLoadState("networkidle")
    const link = page.getByRole("link", { name: "User Management" })
    inApp.push(await measure(page, "pointerdown", () => link.click()))
    fullLoad.push(await measure(page, "navigation", () => page.goto("/users")))
  }
  return { inApp, fullLoad, run }
}

const keptDir = process.env.BENCH_GRID_DATA_DIR
if (keptDir !== undefined && !existsSync(keptDir)) mkdirSync(keptDir, { recursive: true })
const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), "gatehouse-grid-"))
const compareDir = `${dataDir.replace(/\/$/, "")}-compare`
const servers: Array<ServerProcess> = []
try {
  const first = await start(dataDir)
  servers.push(first)
  await seed(first, dataDir)
  if (COMPARE !== undefined) {
    // the second server gets a copy of the seeded folder (PGlite: one process per folder)
    await first.stop()
    servers.length = 0
    rmSync(compareDir, { recursive: true, force: true })
    cpSync(dataDir, compareDir, { recursive: true })
    servers.push(await start(dataDir), await start(compareDir, COMPARE))
  }
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-sync"
    ]
  })
  const grids = await Promise.all(servers.map((server) => openGrid(browser, server.url)))
  const before = loadAverage()
  for (let run = 0; run < RUNS; run++)
    // alternating which goes first
    for (const grid of run % 2 === 0 ? grids : [...grids].reverse()) await grid.run()
  await browser.close()
  grids.forEach((grid, i) => {
    const label = i === 0 ? "this build's console" : `the console in ${COMPARE}`
    console.log(
      `users grid, first page of 50 of ${USERS + 1} users, ${label} (load average ${before} before, ${loadAverage()} after):`
    )
    report("in-app navigation", grid.inApp)
    report("full page load", grid.fullLoad)
  })
  const jsonFile = process.env.BENCH_GRID_JSON
  if (jsonFile !== undefined) {
    const [own] = grids
    const figures: GridFigures = {
      users: USERS + 1,
      inApp: own!.inApp.map((run) => run.ms),
      fullLoad: own!.fullLoad.map((run) => run.ms),
      apiCalls: own!.inApp.map((run) => run.requests.filter((r) => r.what.startsWith("/v1/")).length),
      apiServerMs: own!.inApp.map((run) =>
        run.requests
          .filter((r) => r.what.startsWith("/v1/"))
          .reduce((slowest, r) => Math.max(slowest, r.server), 0)
      )
    }
    writeFileSync(jsonFile, JSON.stringify(figures))
  }
} finally {
  for (const server of servers) await server.stop()
  if (keptDir === undefined) rmSync(dataDir, { recursive: true, force: true })
  rmSync(compareDir, { recursive: true, force: true })
}
