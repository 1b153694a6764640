export { type GatehouseOptions, gatehouse } from "./plugin.ts"
