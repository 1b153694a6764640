import { type AttemptState, FailedAttempts } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { keyed } from "./rows.ts"

interface AttemptRow {
  readonly failures: number
  readonly last_failure_at: Date | null
}

const none: AttemptState = { failures: 0, lastFailureAt: null }
const toState = (row: AttemptRow | undefined): AttemptState =>
  row === undefined ? none : { failures: row.failures, lastFailureAt: row.last_failure_at }

/** Failure counters on PostgreSQL: `recordFailure` is one upsert that increments (N concurrent count N). */
export const layer: Layer.Layer<FailedAttempts, never, Database> = Layer.effect(
  FailedAttempts,
  Effect.gen(function* () {
    const db = yield* Database
    return FailedAttempts.of({
      recordFailure: (tenantId, userId, at) =>
        db
          .query<AttemptRow>(
            tenantId,
            `INSERT INTO failed_attempts (tenant_id, user_id, failures, last_failure_at) VALUES ($1, $2, 1, $3)
             ON CONFLICT ON CONSTRAINT failed_attempts_pkey
             DO UPDATE SET failures = failed_attempts.failures + 1, last_failure_at = EXCLUDED.last_failure_at
             RETURNING failures, last_failure_at`,
            [tenantId, userId, at]
          )
          .pipe(Effect.map((rows) => toState(rows[0]))),
      get: (tenantId, userId) =>
        keyed(tenantId, userId)
          ? db
              .query<AttemptRow>(
                tenantId,
                "SELECT failures, last_failure_at FROM failed_attempts WHERE tenant_id = $1 AND user_id = $2",
                [tenantId, userId]
              )
              .pipe(Effect.map((rows) => toState(rows[0])))
          : Effect.succeed(none),
      reset: (tenantId, userId) =>
        keyed(tenantId, userId)
          ? db
              .query(tenantId, "DELETE FROM failed_attempts WHERE tenant_id = $1 AND user_id = $2", [
                tenantId,
                userId
              ])
              .pipe(Effect.asVoid)
          : Effect.void
    })
  })
)
