import { membershipListingContract } from "@gatehouse/testkit"
import { layerPglite } from "../src/index.ts"

// One in-memory PGlite for the whole file; the tests isolate by tenant.
membershipListingContract("PGlite", layerPglite())
