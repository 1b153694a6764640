import {
  type AccountFailures,
  type AttemptKey,
  FailedAttempts,
  type FailureCount,
  type GrantedAttempt,
  type Reservation,
  throttleVerdict
} from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"

interface CountRow {
  readonly failures: number
  readonly last_failure_at: Date | null
}
interface AccountRow extends CountRow {
  readonly locked_until: Date | null
}
interface ReservedRow {
  readonly origin_failures: number
  readonly origin_last_failure_at: Date
  readonly account_failures: number
  readonly account_last_failure_at: Date
  readonly locked_until: Date | null
  readonly lock_started: boolean
  readonly prior_origin_last_failure_at: Date | null
  readonly prior_account_last_failure_at: Date | null
  readonly prior_locked_until: Date | null
}

const noFailures: FailureCount = { failures: 0, lastFailureAt: null }
const noAccount: AccountFailures = { failures: 0, lastFailureAt: null, lockedUntil: null }
const toCount = (row: CountRow | undefined): FailureCount =>
  row === undefined ? noFailures : { failures: row.failures, lastFailureAt: row.last_failure_at }
const toAccount = (row: AccountRow | undefined): AccountFailures =>
  row === undefined
    ? noAccount
    : { failures: row.failures, lastFailureAt: row.last_failure_at, lockedUntil: row.locked_until }

const MS = "* interval '1 millisecond'"

/**
 * The reservation, ONE statement: the gate (no account lock in force, or an address the account signed in
 * from), then the per-address upsert whose WHERE is the wait rule of `throttleVerdict` evaluated on the row as
 * locked by ON CONFLICT (so concurrent reservations of one address serialise on it and each sees the count
 * before it), then the account's increment, which starts the lock at `lockAfter` (`afterGranted`). No row back
 * means refused. The prior timestamps come from the statement's snapshot (only `release` uses them); the prior
 * counts are the returned ones minus one, exact.
 */
const RESERVE = `
WITH prior_origin AS (
  SELECT last_failure_at FROM failed_attempts_by_origin
  WHERE tenant_id = $1::uuid AND account_id = $2::uuid AND origin = $3::text
), prior_account AS (
  SELECT last_failure_at, locked_until FROM failed_attempts WHERE tenant_id = $1::uuid AND user_id = $2::uuid
), gate AS (
  SELECT NOT EXISTS (SELECT 1 FROM prior_account WHERE locked_until > $4::timestamptz)
    OR EXISTS (
      SELECT 1 FROM sign_in_origins WHERE tenant_id = $1::uuid AND user_id = $2::uuid AND origin = $3::text
    ) AS open
), origin_row AS (
  INSERT INTO failed_attempts_by_origin AS f (tenant_id, account_id, origin, failures, last_failure_at)
  SELECT $1::uuid, $2::uuid, $3::text, 1, $4::timestamptz FROM gate WHERE gate.open
  ON CONFLICT ON CONSTRAINT failed_attempts_by_origin_pkey DO UPDATE
    SET failures = f.failures + 1, last_failure_at = EXCLUDED.last_failure_at
    WHERE f.failures < $5::integer OR f.last_failure_at IS NULL
      OR EXCLUDED.last_failure_at >= f.last_failure_at
        + least($6::float8 * power(2::float8, least(f.failures - $5::integer, 52)), $7::float8) ${MS}
  RETURNING f.failures, f.last_failure_at
), account_row AS (
  INSERT INTO failed_attempts AS a (tenant_id, user_id, failures, last_failure_at, locked_until)
  SELECT $1::uuid, $2::uuid, 1, $4::timestamptz,
    CASE WHEN 1 >= $8::integer THEN $4::timestamptz + $9::float8 ${MS} END
  FROM origin_row
  ON CONFLICT ON CONSTRAINT failed_attempts_pkey DO UPDATE
    SET failures = a.failures + 1, last_failure_at = EXCLUDED.last_failure_at,
      locked_until = CASE
        WHEN a.failures + 1 >= $8::integer AND (a.locked_until IS NULL OR a.locked_until <= EXCLUDED.last_failure_at)
        THEN EXCLUDED.last_failure_at + $9::float8 ${MS}
        ELSE a.locked_until END
  RETURNING a.failures, a.last_failure_at, a.locked_until,
    (a.failures >= $8::integer AND a.locked_until = a.last_failure_at + $9::float8 ${MS}) AS lock_started
)
SELECT o.failures AS origin_failures, o.last_failure_at AS origin_last_failure_at,
  ac.failures AS account_failures, ac.last_failure_at AS account_last_failure_at, ac.locked_until,
  ac.lock_started,
  (SELECT last_failure_at FROM prior_origin) AS prior_origin_last_failure_at,
  (SELECT last_failure_at FROM prior_account) AS prior_account_last_failure_at,
  (SELECT locked_until FROM prior_account) AS prior_locked_until
FROM origin_row o CROSS JOIN account_row ac`

const granted = (key: AttemptKey, at: Date, row: ReservedRow): GrantedAttempt => {
  const account: AccountFailures = {
    failures: row.account_failures,
    lastFailureAt: row.account_last_failure_at,
    lockedUntil: row.locked_until
  }
  const priorAccountFailures = row.account_failures - 1
  return {
    _tag: "Granted",
    key,
    at,
    origin: { failures: row.origin_failures, lastFailureAt: row.origin_last_failure_at },
    account,
    lockStarted: row.lock_started,
    prior: {
      origin: {
        failures: row.origin_failures - 1,
        lastFailureAt: row.origin_failures > 1 ? row.prior_origin_last_failure_at : null
      },
      account: {
        failures: priorAccountFailures,
        lastFailureAt: priorAccountFailures > 0 ? row.prior_account_last_failure_at : null,
        lockedUntil: row.lock_started ? row.prior_locked_until : row.locked_until
      }
    }
  }
}

/**
 * Throttle counters on PostgreSQL: `reserve` is one statement (see RESERVE), so N concurrent wrong passwords
 * from one address get exactly the free checks, across nodes; `recordFailure` one upsert that increments.
 */
export const layer: Layer.Layer<FailedAttempts, never, Database> = Layer.effect(
  FailedAttempts,
  Effect.gen(function* () {
    const db = yield* Database
    const originState = (key: AttemptKey) =>
      db
        .query<CountRow>(
          key.tenantId,
          `SELECT failures, last_failure_at FROM failed_attempts_by_origin
           WHERE tenant_id = $1 AND account_id = $2 AND origin = $3`,
          [key.tenantId, key.account, key.origin]
        )
        .pipe(Effect.map((rows) => toCount(rows[0])))
    const accountState = (tenantId: string, account: string) =>
      db
        .query<AccountRow>(
          tenantId,
          "SELECT failures, last_failure_at, locked_until FROM failed_attempts WHERE tenant_id = $1 AND user_id = $2",
          [tenantId, account]
        )
        .pipe(Effect.map((rows) => toAccount(rows[0])))
    const isKnown = (key: AttemptKey) =>
      db
        .query(
          key.tenantId,
          "SELECT 1 FROM sign_in_origins WHERE tenant_id = $1 AND user_id = $2 AND origin = $3",
          [key.tenantId, key.account, key.origin]
        )
        .pipe(Effect.map((rows) => rows.length > 0))

    return FailedAttempts.of({
      reserve: (key, at, policy) =>
        Effect.gen(function* () {
          const rows = yield* db.query<ReservedRow>(key.tenantId, RESERVE, [
            key.tenantId,
            key.account,
            key.origin,
            at,
            policy.freeFailures,
            policy.baseDelayMs,
            policy.maxDelayMs,
            policy.lockAfter,
            policy.lockMs
          ])
          if (rows[0] !== undefined) return granted(key, at, rows[0]) as Reservation
          // Refused: nothing was written; read why, for the answer's Retry-After.
          const verdict = throttleVerdict(
            {
              origin: yield* originState(key),
              account: yield* accountState(key.tenantId, key.account),
              known: yield* isKnown(key)
            },
            at,
            policy
          )
          return verdict._tag === "Allowed"
            ? ({ _tag: "Refused", retryAfterMs: 1000, locked: false } as const)
            : ({
                _tag: "Refused",
                retryAfterMs: verdict.retryAfterMs,
                locked: verdict._tag === "Locked"
              } as const)
        }),
      release: ({ key, origin, account, prior }) =>
        Effect.gen(function* () {
          yield* db.query(
            key.tenantId,
            `UPDATE failed_attempts_by_origin SET failures = failures - 1,
               last_failure_at = CASE WHEN failures = $4 AND last_failure_at = $5 THEN $6 ELSE last_failure_at END
             WHERE tenant_id = $1 AND account_id = $2 AND origin = $3`,
            [
              key.tenantId,
              key.account,
              key.origin,
              origin.failures,
              origin.lastFailureAt,
              prior.origin.lastFailureAt
            ]
          )
          yield* db.query(
            key.tenantId,
            `DELETE FROM failed_attempts_by_origin
             WHERE tenant_id = $1 AND account_id = $2 AND origin = $3 AND failures <= 0`,
            [key.tenantId, key.account, key.origin]
          )
          yield* db.query(
            key.tenantId,
            `UPDATE failed_attempts SET failures = failures - 1,
               last_failure_at = CASE WHEN failures = $3 AND last_failure_at = $4 THEN $5 ELSE last_failure_at END,
               locked_until = CASE WHEN failures = $3 AND last_failure_at = $4 THEN $6 ELSE locked_until END
             WHERE tenant_id = $1 AND user_id = $2`,
            [
              key.tenantId,
              key.account,
              account.failures,
              account.lastFailureAt,
              prior.account.lastFailureAt,
              prior.account.lockedUntil
            ]
          )
          yield* db.query(
            key.tenantId,
            "DELETE FROM failed_attempts WHERE tenant_id = $1 AND user_id = $2 AND failures <= 0",
            [key.tenantId, key.account]
          )
        }),
      reset: (tenantId, account) =>
        Effect.gen(function* () {
          yield* db.write(
            tenantId,
            "DELETE FROM failed_attempts_by_origin WHERE tenant_id = $1 AND account_id = $2",
            [tenantId, account]
          )
          yield* db.write(tenantId, "DELETE FROM failed_attempts WHERE tenant_id = $1 AND user_id = $2", [
            tenantId,
            account
          ])
        }),
      rememberOrigin: (key, at, keep) =>
        Effect.gen(function* () {
          yield* db.write(
            key.tenantId,
            `INSERT INTO sign_in_origins (tenant_id, user_id, origin, last_success_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT ON CONSTRAINT sign_in_origins_pkey DO UPDATE SET last_success_at = EXCLUDED.last_success_at`,
            [key.tenantId, key.account, key.origin, at]
          )
          yield* db.write(
            key.tenantId,
            `DELETE FROM sign_in_origins WHERE tenant_id = $1 AND user_id = $2 AND origin NOT IN (
               SELECT origin FROM sign_in_origins WHERE tenant_id = $1 AND user_id = $2
               ORDER BY last_success_at DESC, origin LIMIT $3)`,
            [key.tenantId, key.account, Math.max(keep, 1)]
          )
        }),
      get: (tenantId, account) => accountState(tenantId, account),
      getOrigin: (key) => originState(key),
      recordFailure: (tenantId, key, at) =>
        db
          .query<CountRow>(
            tenantId,
            `INSERT INTO failed_attempts (tenant_id, user_id, failures, last_failure_at) VALUES ($1, $2, 1, $3)
             ON CONFLICT ON CONSTRAINT failed_attempts_pkey
             DO UPDATE SET failures = failed_attempts.failures + 1, last_failure_at = EXCLUDED.last_failure_at
             RETURNING failures, last_failure_at`,
            [tenantId, key, at]
          )
          .pipe(Effect.map((rows) => toCount(rows[0])))
    })
  })
)
