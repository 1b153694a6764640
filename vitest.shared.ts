import { defineConfig } from "vitest/config"

/** Every package tests against the sources of its workspace dependencies, not their builds. */
export const sharedConfig = defineConfig({
  resolve: { conditions: ["@gatehouse/source"] },
  ssr: { resolve: { conditions: ["@gatehouse/source"] } },
  test: { include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 60_000 }
})
