import { mergeConfig } from "vitest/config"
import { sharedConfig } from "../../vitest.shared.ts"

// Most tests here start PGlite (a first start runs initdb and the migrations: seconds, more on a busy CI
// machine), some several times: generous limits.
export default mergeConfig(sharedConfig, { test: { testTimeout: 120_000, hookTimeout: 120_000 } })
