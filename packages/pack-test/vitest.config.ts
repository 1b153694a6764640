import { defineConfig, mergeConfig } from "vitest/config"
import { sharedConfig } from "../../vitest.shared.ts"

/** Packing, a cold `npm install` and two TypeScript runs take minutes on a loaded machine, not seconds. */
export default mergeConfig(
  sharedConfig,
  defineConfig({ test: { testTimeout: 120_000, hookTimeout: 300_000 } })
)
