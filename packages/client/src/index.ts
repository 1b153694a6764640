export { createGatehouseClient, type GatehouseClient, type GatehouseClientOptions, ok } from "./client.ts"
export { KNOWN_PROBLEM_CODES, type KnownProblemCode } from "./generated/problemCodes.ts"
export type { components, operations, paths } from "./generated/schema.ts"
export {
  fieldError,
  GatehouseProblem,
  isProblem,
  type ProblemCode,
  type ProblemFieldError,
  problemFromResponse
} from "./problem.ts"
