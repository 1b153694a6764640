export * from "./bootstrapTenant.ts"
export * from "./createTenant.ts"
