import { layerRepositories, repositoryContracts } from "../src/index.ts"

repositoryContracts("in-memory", layerRepositories)
