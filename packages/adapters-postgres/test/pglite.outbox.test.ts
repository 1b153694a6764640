import { describe } from "@effect/vitest"
import { outboxContract } from "@gatehouse/testkit"
import { layerPglite } from "../src/index.ts"
import { outboxListenTests } from "./support/outboxListenTests.ts"

// One in-memory PGlite for the file; the tests isolate by tenant and by instant.
const layer = layerPglite()
outboxContract("PGlite", layer)
describe("the outbox channel", () => outboxListenTests("PGlite", layer))
