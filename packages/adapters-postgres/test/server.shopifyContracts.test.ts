import { describe } from "@effect/vitest"
import { shopifySettingsRepositoryContract } from "@gatehouse/testkit"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"

// A fresh database on the server for this file (dropped afterwards); the tests isolate by tenant.
describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server", () => {
  shopifySettingsRepositoryContract("PostgreSQL server", layerFreshServer({ maxConnections: 15 }))
})
