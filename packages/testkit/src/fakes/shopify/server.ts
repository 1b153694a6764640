import type { IncomingMessage, ServerResponse } from "node:http"
import {
  execute,
  type FieldNode,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  type OperationDefinitionNode,
  parse,
  validate
} from "graphql"
import type { FaultQueue, LeakyBucket } from "./faults.ts"
import { rootValue } from "./resolvers.ts"
import { subsetSchema } from "./schema.ts"
import type { ShopState } from "./state.ts"

/** One request the fake received (after routing and authentication). */
export interface ReceivedRequest {
  readonly at: number
  readonly apiVersion: string
  readonly operationName: string | null
  /** The root fields the document selects, e.g. `["tagsAdd"]`; empty when it did not parse or validate. */
  readonly fields: ReadonlyArray<string>
  readonly variables: Readonly<Record<string, unknown>>
  /** What the fake did: answered (`ok`, `graphqlErrors`), refused (`throttled`, an HTTP status) or dropped. */
  readonly outcome: "ok" | "graphqlErrors" | "throttled" | "dropped" | number
}

export interface ServerParts {
  readonly state: ShopState
  readonly faults: FaultQueue
  readonly bucket: LeakyBucket
  readonly accessTokens: () => ReadonlySet<string>
  readonly searchLagMs: () => number
  readonly log: Array<ReceivedRequest>
  /** Runs after a root field took effect (tests interleave a concurrent change there). */
  readonly afterField: (field: string) => void
}

const ROUTE = /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/u
const INVALID_TOKEN = "[API] Invalid API key or access token (unrecognized login or wrong password)"

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers })
  res.end(JSON.stringify(body))
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

const rootFields = (operation: OperationDefinitionNode): ReadonlyArray<string> =>
  operation.selectionSet.selections
    .filter((s): s is FieldNode => s.kind === "Field")
    .map((field) => field.name.value)
    .filter((name) => !name.startsWith("__"))

/** Shopify's cost model, simplified: a mutation field 10 points, a query field 1 (a connection 2 + first/10). */
const costOf = (operation: OperationDefinitionNode, variables: Record<string, unknown>): number =>
  operation.selectionSet.selections.reduce((total, selection) => {
    if (selection.kind !== "Field") return total + 1
    if (operation.operation === "mutation") return total + 10
    if (selection.name.value !== "customers") return total + 1
    const first = selection.arguments?.find((a) => a.name.value === "first" || a.name.value === "last")
    const size =
      first?.value.kind === "IntValue"
        ? Number(first.value.value)
        : first?.value.kind === "Variable"
          ? Number(variables[first.value.name.value] ?? 0)
          : 0
    return total + 2 + Math.ceil(size / 10)
  }, 0)

const errorsOf = (errors: ReadonlyArray<GraphQLError>) => errors.map((e) => e.toJSON())

/** Handles one HTTP request to the fake Admin API. */
export const handle = async (
  parts: ServerParts,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> => {
  const path = new URL(req.url ?? "/", "http://fake").pathname
  const route = ROUTE.exec(path)
  if (req.method !== "POST" || route === null) return send(res, 404, { errors: "Not Found" })
  const token = req.headers["x-shopify-access-token"]
  if (typeof token !== "string" || !parts.accessTokens().has(token)) {
    return send(res, 401, { errors: INVALID_TOKEN })
  }
  const apiVersion = route[1] ?? ""
  const body = await readBody(req)
  if (parts.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, parts.faults.latencyMs))
  let request: { query?: unknown; variables?: unknown; operationName?: unknown }
  try {
    request = JSON.parse(body) as typeof request
  } catch {
    return send(res, 400, { errors: "Bad Request: the body is not JSON" })
  }
  const variables = (request.variables ?? {}) as Record<string, unknown>
  const operationName = typeof request.operationName === "string" ? request.operationName : null
  const record = (fields: ReadonlyArray<string>, outcome: ReceivedRequest["outcome"]) =>
    parts.log.push({ at: Date.now(), apiVersion, operationName, fields, variables, outcome })
  const graphqlErrors = (errors: ReadonlyArray<GraphQLError>) => {
    record([], "graphqlErrors")
    return send(res, 200, { errors: errorsOf(errors) })
  }

  if (typeof request.query !== "string") {
    return graphqlErrors([new GraphQLError("Parameter query is required")])
  }
  const schema = subsetSchema()
  let document: ReturnType<typeof parse>
  try {
    document = parse(request.query)
  } catch (error) {
    return graphqlErrors([error as GraphQLError])
  }
  const invalid = validate(schema, document)
  if (invalid.length > 0) return graphqlErrors(invalid)
  const operation = getOperationAST(document, operationName)
  if (operation == null) return graphqlErrors([new GraphQLError("An operation name is required")])
  if (typeof variables !== "object" || variables === null || Array.isArray(variables)) {
    return graphqlErrors([new GraphQLError("Variables must be an object")])
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables)
  if (coerced.errors !== undefined) return graphqlErrors(coerced.errors)

  const fields = rootFields(operation)
  const cost = costOf(operation, variables)
  const fault = parts.faults.take(fields)
  if (fault?.kind === "drop" && fault.when === "before") {
    record(fields, "dropped")
    return void req.socket.destroy()
  }
  if (fault?.kind === "status") {
    record(fields, fault.status)
    return send(res, fault.status, { errors: "Service Unavailable" })
  }
  if (fault?.kind === "tooManyRequests") {
    record(fields, 429)
    return send(
      res,
      429,
      { errors: "Exceeded API rate limit" },
      { "retry-after": String(fault.retryAfterSeconds) }
    )
  }
  const throttled = fault?.kind === "throttled"
  if (throttled || !parts.bucket.take(cost)) {
    record(fields, "throttled")
    const throttleStatus = throttled
      ? {
          maximumAvailable: parts.bucket.maximumAvailable,
          currentlyAvailable: 0,
          restoreRate: fault.restoreRate
        }
      : parts.bucket.status()
    return send(res, 200, {
      errors: [
        {
          message: "Throttled",
          extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" }
        }
      ],
      extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus } }
    })
  }

  const result = await execute({
    schema,
    document,
    rootValue: rootValue(parts.state, { searchLagMs: parts.searchLagMs }),
    variableValues: coerced.coerced,
    operationName
  })
  for (const field of fields) parts.afterField(field)
  if (fault?.kind === "drop") {
    record(fields, "dropped")
    return void req.socket.destroy()
  }
  record(fields, result.errors === undefined ? "ok" : "graphqlErrors")
  send(res, 200, {
    ...(result.data === undefined ? {} : { data: result.data }),
    ...(result.errors === undefined ? {} : { errors: errorsOf(result.errors) }),
    extensions: {
      cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: parts.bucket.status() }
    }
  })
}
