import { describe, layer } from "@effect/vitest"
import { webhookDeduplicationTests } from "@gatehouse/testkit"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"
import { webhookPruningTests } from "./support/webhookPruningTests.ts"

// A fresh database on the server for this file (dropped afterwards): there the concurrent claims really race
// on separate connections.
describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server", () => {
  layer(layerFreshServer({ maxConnections: 20 }), { excludeTestServices: true })(
    "WebhookDeduplication (PostgreSQL server)",
    (it) => {
      describe("contract", () => webhookDeduplicationTests(it))
      describe("webhook_claims table", () => webhookPruningTests(it))
    }
  )
})
