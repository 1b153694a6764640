export { type ClientOptions, defaultClientOptions, endpointOf } from "./client.ts"
export { layer, make } from "./ShopifyCustomers.ts"
export * from "./webhooks.ts"
