// The console's browser tests: builds what they need (turbo: a no-op when nothing changed), then runs
// Playwright in Debian's Chromium. Without /usr/bin/chromium (or GATEHOUSE_E2E_CHROMIUM's path) they are
// skipped with one line, unless GATEHOUSE_E2E=required (CI), which makes that a failure
// (test/e2eSkip.test.ts runs both paths).
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, "..", "..", "..")
const CHROMIUM = process.env.GATEHOUSE_E2E_CHROMIUM ?? "/usr/bin/chromium"

if (!existsSync(CHROMIUM)) {
  const line = `console e2e skipped: no Chromium at ${CHROMIUM}; install Debian's chromium (apt-get install -y chromium) to run the console's browser tests`
  if (process.env.GATEHOUSE_E2E === "required") {
    console.error(`${line} (failing: GATEHOUSE_E2E=required)`)
    process.exit(1)
  }
  console.log(line)
  process.exit(0)
}

const run = (command, args, cwd) => {
  const result = spawnSync(command, args, { cwd, stdio: "inherit", env: process.env })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const started = Date.now()
// The server's dist and the console's dist, each rebuilt only when its inputs changed (turbo's cache).
run(
  "npx",
  [
    "turbo",
    "run",
    "build",
    "--filter=@gatehouse/server",
    "--filter=@gatehouse/console",
    "--output-logs=errors-only"
  ],
  root
)
const built = Date.now()
run(
  "npx",
  ["playwright", "test", "-c", join(here, "playwright.config.ts"), ...process.argv.slice(2)],
  join(here, "..")
)
console.log(
  `console e2e: build ${((built - started) / 1000).toFixed(1)} s, browser tests ${((Date.now() - built) / 1000).toFixed(1)} s`
)
