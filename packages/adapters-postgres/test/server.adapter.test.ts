import { describe, layer } from "@effect/vitest"
import { adapterTests } from "./support/adapterTests.ts"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"

describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server", () => {
  layer(layerFreshServer(), { excludeTestServices: true })("server adapter", adapterTests)
})
