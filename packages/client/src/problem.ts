import type { KnownProblemCode } from "./generated/problemCodes.ts"

/** One field's validation message (`errors[]` of a 400 VALIDATION): `path` names the field, e.g. `email`. */
export interface ProblemFieldError {
  readonly path: string
  readonly message: string
}

/** A code of the generated list, or any other string (a newer server may send codes this client lacks). */
export type ProblemCode = KnownProblemCode | (string & {})

/**
 * An RFC 9457 problem answered by the API, as an Error: switch on `code` (stable), show `detail` (for people).
 * `retryAfterSeconds` carries the `Retry-After` header (429 TOO_MANY_ATTEMPTS, RATE_LIMITED); `body` the
 * whole document, extensions included (e.g. `rules` of 422 PASSWORD_POLICY).
 */
export class GatehouseProblem extends Error {
  override readonly name = "GatehouseProblem"
  readonly code: ProblemCode
  readonly status: number
  readonly title: string
  readonly detail: string
  readonly errors: ReadonlyArray<ProblemFieldError>
  readonly retryAfterSeconds: number | undefined
  readonly body: Readonly<Record<string, unknown>>

  constructor(fields: {
    readonly code: ProblemCode
    readonly status: number
    readonly title: string
    readonly detail: string
    readonly errors?: ReadonlyArray<ProblemFieldError> | undefined
    readonly retryAfterSeconds?: number | undefined
    readonly body?: Readonly<Record<string, unknown>> | undefined
  }) {
    super(`${fields.code}: ${fields.detail}`)
    this.code = fields.code
    this.status = fields.status
    this.title = fields.title
    this.detail = fields.detail
    this.errors = fields.errors ?? []
    this.retryAfterSeconds = fields.retryAfterSeconds
    this.body = fields.body ?? {}
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const fieldErrors = (value: unknown): ReadonlyArray<ProblemFieldError> =>
  Array.isArray(value)
    ? value.filter(
        (entry): entry is ProblemFieldError =>
          isRecord(entry) && typeof entry.path === "string" && typeof entry.message === "string"
      )
    : []

// Retry-After is delta-seconds or an HTTP date (RFC 9110 10.2.3).
const retryAfter = (header: string | null, now: number): number | undefined => {
  if (header === null) return undefined
  if (/^\d+$/u.test(header.trim())) return Number(header.trim())
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000))
}

/**
 * The problem of a failed response: its problem document when it has one, else a problem with the code
 * `UNEXPECTED_RESPONSE` (a proxy's HTML page, an empty body) carrying the status.
 */
export const problemFromResponse = (response: Response, body: unknown): GatehouseProblem => {
  const retryAfterSeconds = retryAfter(response.headers.get("retry-after"), Date.now())
  if (isRecord(body) && typeof body.code === "string") {
    return new GatehouseProblem({
      code: body.code,
      status: typeof body.status === "number" ? body.status : response.status,
      title: typeof body.title === "string" ? body.title : response.statusText,
      detail: typeof body.detail === "string" ? body.detail : "",
      errors: fieldErrors(body.errors),
      retryAfterSeconds,
      body
    })
  }
  return new GatehouseProblem({
    code: "UNEXPECTED_RESPONSE",
    status: response.status,
    title: response.statusText || "Unexpected response",
    detail: `The server answered ${response.status} without a problem document.`,
    retryAfterSeconds
  })
}

/** Whether `error` is a problem from the API, with one of `codes` when given (narrows `code`). */
export const isProblem = <const C extends ProblemCode>(
  error: unknown,
  ...codes: ReadonlyArray<C>
): error is GatehouseProblem & { readonly code: C } =>
  error instanceof GatehouseProblem &&
  (codes.length === 0 || (codes as ReadonlyArray<string>).includes(error.code))

/** The message of `path` in a validation problem's `errors[]`, if any (for showing next to a field). */
export const fieldError = (error: unknown, path: string): string | undefined =>
  error instanceof GatehouseProblem ? error.errors.find((entry) => entry.path === path)?.message : undefined
