export {
  type AllowList,
  allowListOf,
  allowsAddress,
  allowsHost,
  emptyAllowList,
  isPublic,
  parseAddress,
  parseAllowList
} from "./allowList.ts"
export { layer, make, type OutboundOptions, open } from "./OutboundCalls.ts"
export { type ResolvedAddress, type Resolver, systemResolver } from "./rule.ts"
