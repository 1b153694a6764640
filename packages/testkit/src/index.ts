export * as arbitraries from "./arbitraries.ts"
export * from "./builders.ts"
export * from "./contracts/index.ts"
export { shopifySettingsRepositoryContract } from "./contracts/shopifySettingsRepository.ts"
export * as fakeShopify from "./fakes/shopify/index.ts"
export {
  connectFakeShopify,
  FakeShopifyServer,
  makeFakeShopify,
  startFakeShopify
} from "./fakes/shopify/index.ts"
export * as memory from "./memory/index.ts"
export { layerMemory, layerRepositories, MemoryStore, TEST_PUBLIC_URL } from "./memory/index.ts"
