import type { FastifyError, FastifyReply, FastifyRequest } from "fastify"
import type { ProblemEntry } from "./problemEntry.ts"
import { problemEntryOf } from "./problemTable.ts"
import { requestProblems } from "./requestProblems.ts"

/** An RFC 9457 problem document as Gatehouse sends it. */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  readonly errors?: ReadonlyArray<{ readonly path: string; readonly message: string }>
  readonly [extension: string]: unknown
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json; charset=utf-8"

const typeOf = (code: string): string => `urn:gatehouse:problem:${code.toLowerCase().replaceAll("_", "-")}`

/** The body and headers of `entry` for `error`. */
export const renderProblem = <E>(
  entry: ProblemEntry<E>,
  error: E
): { readonly body: Problem; readonly headers: Readonly<Record<string, string>> } => ({
  body: {
    type: typeOf(entry.code),
    title: entry.title,
    status: entry.status,
    detail: typeof entry.detail === "string" ? entry.detail : entry.detail(error),
    code: entry.code,
    ...entry.extensions?.(error)
  },
  headers: entry.headers?.(error) ?? {}
})

/** Sends `entry` as application/problem+json. */
export const sendProblem = <E>(reply: FastifyReply, entry: ProblemEntry<E>, error: E): FastifyReply => {
  const { body, headers } = renderProblem(entry, error)
  return reply.code(body.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body)
}

const tagOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string"
    ? error._tag
    : undefined

/** The table entry of a use case's failure; anything not in the table is a server fault. */
export const entryOfFailure = (error: unknown): ProblemEntry<unknown> => {
  const tag = tagOf(error)
  return (tag === undefined ? undefined : problemEntryOf(tag)) ?? requestProblems.internal
}

/** Maps what Fastify itself throws (parsing, limits, rate limiting) to a problem: a 4xx stays a 4xx. */
const entryOfFastifyError = (error: FastifyError): ProblemEntry<unknown> => {
  const status = error.statusCode ?? 500
  if (status >= 500) return requestProblems.internal
  if (status === 400 && (error.code?.startsWith("FST_ERR_CTP_") || error instanceof SyntaxError)) {
    return requestProblems.malformedJson
  }
  switch (status) {
    case 404:
      return requestProblems.routeNotFound
    case 413:
      return requestProblems.payloadTooLarge
    case 414:
      return requestProblems.uriTooLong
    case 415:
      return requestProblems.unsupportedMediaType
    case 429:
      return requestProblems.rateLimited
    default:
      return { ...requestProblems.badRequest, status }
  }
}

/**
 * The central error handler: whatever reaches it is answered as problem+json. Client mistakes keep their 4xx;
 * anything else is a 500 whose body says nothing about the cause (the log has it).
 */
export const errorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
  const fromTable = tagOf(error) === undefined ? undefined : problemEntryOf(tagOf(error)!)
  const entry = fromTable ?? entryOfFastifyError(error)
  if (entry.status >= 500) request.log.error({ err: error }, "request failed")
  else request.log.info({ code: entry.code, status: entry.status }, "request refused")
  void sendProblem(reply, entry, error)
}

/** Unknown routes (and unknown methods on known paths) are a 404 problem. */
export const notFoundHandler = (_request: FastifyRequest, reply: FastifyReply): void => {
  void sendProblem(reply, requestProblems.routeNotFound, undefined)
}

/**
 * For Fastify's `frameworkErrors` server option, which a plugin cannot set: the router refuses a path that does
 * not percent-decode (400) and a parameter longer than `maxParamLength` (414) before any plugin code runs; with
 * this option those answers are problem documents too. `Fastify({ frameworkErrors: gatehouseFrameworkErrors })`.
 */
export const gatehouseFrameworkErrors = (
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply
): void => errorHandler(error, request, reply)
