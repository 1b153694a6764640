import { authRepositoryContracts, layerRepositories } from "../src/index.ts"

authRepositoryContracts("in-memory", layerRepositories)
