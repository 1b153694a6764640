import { shopifySettingsRepositoryContract } from "../src/contracts/shopifySettingsRepository.ts"
import { layerRepositories } from "../src/index.ts"

shopifySettingsRepositoryContract("in-memory", layerRepositories)
