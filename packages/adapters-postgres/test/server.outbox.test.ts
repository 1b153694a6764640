import { describe } from "@effect/vitest"
import { outboxContract } from "@gatehouse/testkit"
import { outboxListenTests } from "./support/outboxListenTests.ts"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"

// A fresh database on the server (dropped afterwards): the 20 claimers really race on 20 connections.
describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server", () => {
  const layer = layerFreshServer({ maxConnections: 20 })
  outboxContract("PostgreSQL server", layer)
  describe("the outbox channel", () => outboxListenTests("PostgreSQL server", layer))
})
