// @vitest-environment node
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const RUN = join(import.meta.dirname, "..", "e2e", "run.mjs")

/** `node e2e/run.mjs` (what `npm run test:e2e` runs) where no Chromium is installed. */
const runWithoutChromium = (extra: Record<string, string> = {}) => {
  const started = Date.now()
  const result = spawnSync(process.execPath, [RUN], {
    env: { PATH: process.env.PATH, GATEHOUSE_E2E_CHROMIUM: "/nonexistent/chromium", ...extra },
    encoding: "utf8",
    timeout: 20_000
  })
  return { ...result, millis: Date.now() - started }
}

describe("the console's browser tests without Chromium", () => {
  it("are skipped with one line saying what to install, exit 0, and nothing is built", () => {
    const result = runWithoutChromium()
    expect(result.status).toBe(0)
    expect(result.stdout.trim().split("\n")).toEqual([
      "console e2e skipped: no Chromium at /nonexistent/chromium; install Debian's chromium (apt-get install -y chromium) to run the console's browser tests"
    ])
    expect(result.stderr).toBe("")
    // it stopped before turbo's build and Playwright
    expect(result.millis).toBeLessThan(10_000)
  })

  it("fail (exit 1) with the same line when GATEHOUSE_E2E=required, as in CI", () => {
    const result = runWithoutChromium({ GATEHOUSE_E2E: "required" })
    expect(result.status).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr.trim()).toBe(
      "console e2e skipped: no Chromium at /nonexistent/chromium; install Debian's chromium (apt-get install -y chromium) to run the console's browser tests (failing: GATEHOUSE_E2E=required)"
    )
  })
})
