import { describe, layer } from "@effect/vitest"
import { webhookDeduplicationTests } from "@gatehouse/testkit"
import { layerPglite } from "../src/index.ts"
import { webhookPruningTests } from "./support/webhookPruningTests.ts"

// One in-memory PGlite for the whole file; the tests isolate by tenant.
layer(layerPglite(), { excludeTestServices: true })("WebhookDeduplication (PGlite)", (it) => {
  describe("contract", () => webhookDeduplicationTests(it))
  describe("webhook_claims table", () => webhookPruningTests(it))
})
