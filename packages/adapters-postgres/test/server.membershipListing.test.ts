import { describe } from "@effect/vitest"
import { membershipListingContract } from "@gatehouse/testkit"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"

// A fresh database on the server for this file (dropped afterwards); the tests isolate by tenant.
describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server", () => {
  membershipListingContract("PostgreSQL server", layerFreshServer({ maxConnections: 10 }))
})
