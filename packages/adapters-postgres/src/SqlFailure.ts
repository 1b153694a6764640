import { Data } from "effect"

/** What every failed statement carries. */
interface Fields {
  /** The SQLSTATE, or the Node error code for a network failure. */
  readonly code: string | undefined
  readonly message: string
  /** What the driver threw. */
  readonly cause: unknown
}

/**
 * A unique constraint was violated (23505): repositories map the constraint to its typed conflict (`guarded`).
 */
export class UniqueViolation extends Data.TaggedError("UniqueViolation")<
  Fields & { readonly constraint: string | undefined }
> {
  readonly retryable = false
  readonly unavailable = false
}

/** The transaction lost a serialization conflict (40001): running it again may succeed. */
export class SerializationFailure extends Data.TaggedError("SerializationFailure")<Fields> {
  readonly retryable = true
  readonly unavailable = false
}

/** The server broke a deadlock by failing this transaction (40P01): running it again may succeed. */
export class Deadlock extends Data.TaggedError("Deadlock")<Fields> {
  readonly retryable = true
  readonly unavailable = false
}

/**
 * The store cannot be reached, refuses sessions now, or the session was lost: the Transactor reports
 * `StoreUnavailable` (and does not run the transaction again: whether it committed may be unknown).
 */
export class ConnectionFailure extends Data.TaggedError("ConnectionFailure")<Fields> {
  readonly retryable = false
  readonly unavailable = true
}

/** Anything else: a bug or an unexpected state, a defect. */
export class OtherSqlFailure extends Data.TaggedError("OtherSqlFailure")<Fields> {
  readonly retryable = false
  readonly unavailable = false
}

/**
 * A failed statement, classified. Repositories die with it; the Transactor runs a `retryable` one's
 * transaction again and reports an `unavailable` one as `StoreUnavailable`.
 */
export type SqlFailure =
  | UniqueViolation
  | SerializationFailure
  | Deadlock
  | ConnectionFailure
  | OtherSqlFailure

export const isSqlFailure = (value: unknown): value is SqlFailure =>
  value instanceof UniqueViolation ||
  value instanceof SerializationFailure ||
  value instanceof Deadlock ||
  value instanceof ConnectionFailure ||
  value instanceof OtherSqlFailure

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

// 08: connection exception; 57P01-57P03: admin/crash shutdown, cannot connect now; 53300: too many connections.
const isConnectionCode = (code: string): boolean =>
  code.startsWith("08") || code.startsWith("57P") || code === "53300" || NETWORK_CODES.has(code)

/** Wraps whatever a driver threw in the class its SQLSTATE, Node error code or message names. */
export const toSqlFailure = (error: unknown): SqlFailure => {
  if (isSqlFailure(error)) return error
  const record = (typeof error === "object" && error !== null ? error : {}) as {
    readonly code?: unknown
    readonly constraint?: unknown
    readonly message?: unknown
  }
  const code = typeof record.code === "string" ? record.code : undefined
  const message = typeof record.message === "string" ? record.message : String(error)
  const fields = { code, message, cause: error }
  if (code === "23505")
    return new UniqueViolation({
      ...fields,
      constraint: typeof record.constraint === "string" ? record.constraint : undefined
    })
  if (code === "40001") return new SerializationFailure(fields)
  if (code === "40P01") return new Deadlock(fields)
  if ((code !== undefined && isConnectionCode(code)) || LOST_SESSION.test(message))
    return new ConnectionFailure(fields)
  return new OtherSqlFailure(fields)
}
