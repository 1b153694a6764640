import { layerRepositories, membershipListingContract } from "../src/index.ts"

membershipListingContract("in-memory", layerRepositories)
