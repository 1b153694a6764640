import { layerRepositories, tenantOverviewContract } from "../src/index.ts"

tenantOverviewContract("in-memory", layerRepositories)
