export { type ClientOptions, defaultClientOptions, endpointOf } from "./client.ts"
export { layer } from "./layer.ts"
export { layerCustomers, make } from "./ShopifyCustomers.ts"
export { layerWebhookSignature, verifyShopifyHmac } from "./webhookSignature.ts"
