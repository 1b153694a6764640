export * from "./builders.ts"
export * as memory from "./memory/index.ts"
export { layerMemory, layerRepositories, MemoryStore } from "./memory/index.ts"
