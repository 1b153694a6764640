import { outboxContract } from "@gatehouse/testkit"
import { layerPglite } from "../src/index.ts"

// One in-memory PGlite for the file; the tests isolate by tenant and by instant.
outboxContract("PGlite", layerPglite())
