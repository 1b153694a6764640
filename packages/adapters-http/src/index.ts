export type { KnownError } from "./errors/knownError.ts"
export { gatehouseFrameworkErrors, PROBLEM_CONTENT_TYPE, type Problem } from "./errors/problem.ts"
export type { ProblemEntry } from "./errors/problemEntry.ts"
export { problemTable } from "./errors/problemTable.ts"
export { requestProblems } from "./errors/requestProblems.ts"
export {
  gatehouseLogRedaction,
  gatehouseLogSerializers,
  gatehouseRequestId,
  loggableUrl
} from "./logging.ts"
export { type GatehouseOptions, gatehouse } from "./plugin.ts"
export type { GatehouseServices } from "./services.ts"
