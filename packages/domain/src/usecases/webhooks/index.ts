export * from "./deliveries.ts"
export * from "./dispatch.ts"
export * from "./manageWebhooks.ts"
export * from "./secrets.ts"
