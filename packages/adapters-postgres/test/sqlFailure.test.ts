import { assert, describe, it } from "@effect/vitest"
import {
  ConnectionFailure,
  Deadlock,
  isSqlFailure,
  OtherSqlFailure,
  SerializationFailure,
  toSqlFailure,
  UniqueViolation
} from "../src/index.ts"

/** What node-postgres and PGlite throw: an Error with the SQLSTATE in `code` (and `constraint` for 23505). */
const driverError = (code: string | undefined, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), code === undefined ? {} : { code }, extra)

type Class = new (...args: never) => unknown

const expectClass = (
  error: unknown,
  expected: Class,
  flags: { retryable: boolean; unavailable: boolean }
) => {
  const failure = toSqlFailure(error)
  assert.instanceOf(failure, expected)
  assert.deepStrictEqual(
    { retryable: failure.retryable, unavailable: failure.unavailable },
    flags,
    `${failure._tag} of ${failure.message}`
  )
  return failure
}

const retryable = { retryable: true, unavailable: false }
const unavailable = { retryable: false, unavailable: true }
const neither = { retryable: false, unavailable: false }

describe("driver failures are classified by SQLSTATE, Node error code or message", () => {
  it("23505 is a UniqueViolation carrying its constraint, neither retryable nor unavailable", () => {
    const failure = expectClass(
      driverError("23505", 'duplicate key value violates unique constraint "users_tenant_email_key"', {
        constraint: "users_tenant_email_key"
      }),
      UniqueViolation,
      neither
    )
    assert.strictEqual((failure as UniqueViolation).constraint, "users_tenant_email_key")
    assert.strictEqual(failure.code, "23505")
    const without = toSqlFailure(driverError("23505", "duplicate key"))
    assert.instanceOf(without, UniqueViolation)
    assert.isUndefined((without as UniqueViolation).constraint)
  })

  it("40001 is a SerializationFailure and 40P01 a Deadlock: both retryable, not unavailable", () => {
    expectClass(
      driverError("40001", "could not serialize access due to concurrent update"),
      SerializationFailure,
      retryable
    )
    expectClass(driverError("40P01", "deadlock detected"), Deadlock, retryable)
  })

  it("connection SQLSTATEs (class 08, 57P01-57P03, 53300) are a ConnectionFailure: unavailable, not retried", () => {
    for (const code of ["08000", "08003", "08006", "08001", "08P01", "57P01", "57P02", "57P03", "53300"])
      expectClass(driverError(code, `failure ${code}`), ConnectionFailure, unavailable)
  })

  it("Node network codes are a ConnectionFailure", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "ETIMEDOUT",
      "EPIPE",
      "ENOTFOUND",
      "EHOSTUNREACH",
      "ENETUNREACH",
      "EAI_AGAIN"
    ])
      expectClass(driverError(code, `connect ${code} 127.0.0.1:1`), ConnectionFailure, unavailable)
  })

  it("node-postgres's lost-session messages (no code) are a ConnectionFailure", () => {
    for (const message of [
      "Connection terminated unexpectedly",
      "Connection terminated due to connection timeout",
      "Client has encountered a connection error and is not queryable",
      "timeout exceeded when trying to connect",
      "Client was closed and is not queryable",
      "Cannot use a pool after calling end on the pool"
    ])
      expectClass(driverError(undefined, message), ConnectionFailure, unavailable)
    // a message alone decides even next to an unrelated SQLSTATE, as before the classes
    expectClass(driverError("XX000", "Connection terminated unexpectedly"), ConnectionFailure, unavailable)
  })

  it("anything else is an OtherSqlFailure, neither retryable nor unavailable", () => {
    for (const error of [
      driverError("23503", "insert or update violates foreign key constraint"),
      driverError("42P01", 'relation "nope" does not exist'),
      driverError("25006", "cannot execute INSERT in a read-only transaction"),
      driverError("40003", "statement completion unknown"),
      driverError("5", "a code that only starts like 57P"),
      driverError(undefined, "something else"),
      "a thrown string",
      undefined
    ])
      expectClass(error, OtherSqlFailure, neither)
  })

  it("keeps the code, the message and what the driver threw; a classified failure passes through as is", () => {
    const thrown = driverError("40P01", "deadlock detected")
    const failure = toSqlFailure(thrown)
    assert.deepStrictEqual(
      [failure.code, failure.message, failure.cause],
      ["40P01", "deadlock detected", thrown]
    )
    assert.strictEqual(toSqlFailure(failure), failure)
    assert.isTrue(isSqlFailure(failure))
    assert.isFalse(isSqlFailure(thrown))
    assert.strictEqual(toSqlFailure("boom").message, "boom")
  })
})
