/**
 * The console's users grid on 100,000 users (CONSOLE.md budget: a page of 50 within 300 ms of navigation).
 *
 * The built server (`apps/server/dist/main.js`, serving the built console) on a fresh PGlite data folder; a
 * weevio tenant through the platform API; 100,000 users through the API's bulk path (`POST /v1/users/import`,
 * JSON, 10 requests of 10,000 rows); then Debian's Chromium (Playwright) signs in and opens User Management:
 * - "in-app": from the home page (just loaded, no users cached), a click on the navigation link until the 50th
 *   row and the Total Users footer are on screen;
 * - "full load": `page.goto("/users")` (HTML, JavaScript, /v1/me and the list) until the same.
 * Five runs of each; the median and the worst are printed. Run: `npm run bench:grid -w @gatehouse/bench`.
 */
import { execFileSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { chromium } from "@playwright/test"
import { startServerProcess } from "./serverProcess.ts"

const ROOT = fileURLToPath(new URL("../../", import.meta.url))
const USERS = Number(process.env.BENCH_GRID_USERS ?? 100_000)
const BATCH = 10_000
const RUNS = 5
const PASSWORD = "Correct horse battery staple 42!"

const json = async (response: Response) => {
  const text = await response.text()
  if (!response.ok) throw new Error(`${response.status}: ${text.slice(0, 500)}`)
  return text === "" ? undefined : JSON.parse(text)
}

const median = (values: ReadonlyArray<number>) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

execFileSync(
  join(ROOT, "node_modules/.bin/turbo"),
  ["run", "build", "--filter=@gatehouse/server", "--filter=@gatehouse/console", "--output-logs=errors-only"],
  {
    cwd: ROOT,
    stdio: "inherit"
  }
)
const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-grid-"))
const platformToken = randomBytes(32).toString("base64url")
const server = await startServerProcess({
  GATEHOUSE_DATA_DIR: dataDir,
  GATEHOUSE_PLATFORM_TOKEN: platformToken,
  GATEHOUSE_BOOTSTRAP_TENANT: "bench-grid",
  GATEHOUSE_BOOTSTRAP_PRESET: "weevio",
  GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL: "admin@bench-grid.example.com",
  GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
  GATEHOUSE_LOG_LEVEL: "warn"
})
try {
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
  for (let start = 0; start < USERS; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, USERS - start) }, (_, k) => {
      const i = start + k
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
  const page = await browser.newPage({ baseURL: server.url })
  await page.goto("/sign-in")
  await page.getByRole("textbox", { name: "Tenant" }).fill("bench-grid")
  await page.getByRole("textbox", { name: "Email" }).fill("admin@bench-grid.example.com")
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD)
  await page.getByRole("button", { name: "Sign in" }).click()
  await page.waitForURL(/\/$/)
  const shown = async () => {
    await page.locator("tbody tr").nth(49).waitFor()
    await page
      .getByText(`Total Users: ${(USERS + 1).toLocaleString("en-US")}`)
      .or(page.getByText(`Total Users: ${USERS + 1}`))
      .waitFor()
  }
  const inApp: Array<number> = []
  const fullLoad: Array<number> = []
  for (let run = 0; run < RUNS; run++) {
    await page.goto("/")
    await page.getByRole("link", { name: "User Management" }).waitFor()
    const t0 = performance.now()
    await page.getByRole("link", { name: "User Management" }).click()
    await shown()
    inApp.push(performance.now() - t0)
    const t1 = performance.now()
    await page.goto("/users")
    await shown()
    fullLoad.push(performance.now() - t1)
  }
  await browser.close()
  const fmt = (values: ReadonlyArray<number>) =>
    `median ${median(values).toFixed(0)} ms, worst ${Math.max(...values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(", ")})`
  console.log(`users grid, first page of 50 of ${USERS + 1} users:`)
  console.log(`  in-app navigation: ${fmt(inApp)}`)
  console.log(`  full page load:    ${fmt(fullLoad)}`)
} finally {
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })
}
