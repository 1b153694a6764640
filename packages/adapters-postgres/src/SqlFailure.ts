/**
 * What went wrong with a statement, as far as the adapter cares:
 * - `unavailable`: the store cannot be reached or the session was lost (the Transactor reports
 *   `StoreUnavailable`);
 * - `retryable`: serialization failure or deadlock (the Transactor runs the whole transaction again);
 * - `unique`: a unique constraint (repositories map the constraint to its typed conflict);
 * - `other`: a bug or an unexpected state, a defect.
 */
export type SqlFailureKind = "unavailable" | "retryable" | "unique" | "other"

/** A failed statement. Repositories die with it; the Transactor turns the first two kinds into outcomes. */
export class SqlFailure extends Error {
  override readonly name = "SqlFailure"
  constructor(
    readonly kind: SqlFailureKind,
    /** The SQLSTATE, or the Node error code for a network failure. */
    readonly code: string | undefined,
    /** The violated constraint, for `unique`. */
    readonly constraint: string | undefined,
    message: string,
    options?: { readonly cause?: unknown }
  ) {
    super(message, options)
  }
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN"
])

// Messages of node-postgres for a session that is gone (they carry no SQLSTATE).
const LOST_SESSION =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed|Cannot use a pool after calling end/i

const classify = (code: string | undefined, message: string): SqlFailureKind => {
  if (code !== undefined) {
    if (code === "23505") return "unique"
    if (code === "40001" || code === "40P01") return "retryable"
    // 08: connection exception; 57P01-57P03: admin/crash shutdown, cannot connect now; 53300: too many
    // connections.
    if (code.startsWith("08") || code.startsWith("57P") || code === "53300" || NETWORK_CODES.has(code))
      return "unavailable"
  }
  return LOST_SESSION.test(message) ? "unavailable" : "other"
}

/** Wraps whatever a driver threw. */
export const toSqlFailure = (error: unknown): SqlFailure => {
  if (error instanceof SqlFailure) return error
  const record = (typeof error === "object" && error !== null ? error : {}) as {
    readonly code?: unknown
    readonly constraint?: unknown
    readonly message?: unknown
  }
  const code = typeof record.code === "string" ? record.code : undefined
  const message = typeof record.message === "string" ? record.message : String(error)
  const constraint = typeof record.constraint === "string" ? record.constraint : undefined
  return new SqlFailure(classify(code, message), code, constraint, message, { cause: error })
}
