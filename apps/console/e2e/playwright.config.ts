import { defineConfig } from "@playwright/test"

// Debian's Chromium (`apt-get install -y chromium`); never a browser downloaded by Playwright.
export const CHROMIUM = process.env.GATEHOUSE_E2E_CHROMIUM ?? "/usr/bin/chromium"

export default defineConfig({
  testDir: "./specs",
  globalSetup: "./globalSetup.ts",
  fullyParallel: false,
  workers: 2,
  // One retry, reported as "flaky" in the list: 002's confirmation pop-up's axe check fails now and then (a dialog
  // still animating?). The reset spec's failures were its own race (it filled the sign-in page's Tenant field while
  // the forgot-password page loaded), fixed in the spec. A spec that fails twice still fails the run.
  retries: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "../node_modules/.e2e-results",
  use: {
    headless: true,
    locale: "en-US",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ]
    }
  }
})
