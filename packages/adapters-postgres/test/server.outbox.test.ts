import { describe } from "@effect/vitest"
import { outboxContract } from "@gatehouse/testkit"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"

// A fresh database on the server (dropped afterwards): the 20 claimers really race on 20 connections.
describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server", () => {
  outboxContract("PostgreSQL server", layerFreshServer({ maxConnections: 20 }))
})
