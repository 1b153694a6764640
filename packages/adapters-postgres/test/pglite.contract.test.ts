import { repositoryContracts } from "@gatehouse/testkit"
import { layerPglite } from "../src/index.ts"

// One in-memory PGlite for the whole file (start-up takes seconds); the tests isolate by tenant.
repositoryContracts("PGlite", layerPglite())
