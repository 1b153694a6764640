import { describe } from "@effect/vitest"
import { tenantOverviewContract } from "@gatehouse/testkit"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"

// A fresh database on the server for this file (dropped afterwards); the tests isolate by tenant.
describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server", () => {
  tenantOverviewContract("PostgreSQL server", layerFreshServer({ maxConnections: 10 }))
})
