import { defineConfig } from "vitest/config"

/**
 * Every package tests against the sources of its workspace dependencies, not their builds. Rows read from
 * PostgreSQL are decoded through their whole Schema (`GATEHOUSE_ROW_CHECKS=full`, see the adapter's rows.ts):
 * the contract suites prove that every row read back is a valid domain object.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ["@gatehouse/source"] },
  ssr: { resolve: { conditions: ["@gatehouse/source"] } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { GATEHOUSE_ROW_CHECKS: "full" }
  }
})
