import { type TotpEnrollment, TotpRepository } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { firstRow } from "./rows.ts"

interface EnrollmentRow {
  readonly tenant_id: string
  readonly user_id: string
  readonly sealed_secret: string
  readonly confirmed: boolean
  /** bigint: node-postgres returns it as a string. */
  readonly last_used_step: string | null
  readonly recovery_code_hashes: ReadonlyArray<string>
  readonly created_at: Date
}

const COLUMNS =
  "tenant_id, user_id, sealed_secret, confirmed, last_used_step, recovery_code_hashes, created_at"

const toEnrollment = (row: EnrollmentRow): TotpEnrollment =>
  ({
    tenantId: row.tenant_id,
    userId: row.user_id,
    sealedSecret: row.sealed_secret,
    confirmed: row.confirmed,
    lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
    recoveryCodeHashes: row.recovery_code_hashes,
    createdAt: row.created_at
  }) as TotpEnrollment

/**
 * TOTP enrolments on PostgreSQL, one row per user. Every change is one conditional statement: a confirmed
 * enrolment is never replaced, a step is accepted only above the last one, a recovery code is removed once.
 */
export const layer: Layer.Layer<TotpRepository, never, Database> = Layer.effect(
  TotpRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const changed = (tenantId: string, sql: string, params: ReadonlyArray<unknown>) =>
      db.query(tenantId, sql, params).pipe(Effect.map((rows) => rows.length === 1))
    return TotpRepository.of({
      savePending: (e) =>
        changed(
          e.tenantId,
          `INSERT INTO totp_enrollments (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT ON CONSTRAINT totp_enrollments_pkey DO UPDATE SET sealed_secret = EXCLUDED.sealed_secret,
             confirmed = EXCLUDED.confirmed, last_used_step = EXCLUDED.last_used_step,
             recovery_code_hashes = EXCLUDED.recovery_code_hashes, created_at = EXCLUDED.created_at
           WHERE NOT totp_enrollments.confirmed
           RETURNING user_id`,
          [
            e.tenantId,
            e.userId,
            e.sealedSecret,
            e.confirmed,
            e.lastUsedStep,
            e.recoveryCodeHashes,
            e.createdAt
          ]
        ),
      find: (tenantId, userId) =>
        db
          .query<EnrollmentRow>(
            tenantId,
            `SELECT ${COLUMNS} FROM totp_enrollments WHERE tenant_id = $1 AND user_id = $2`,
            [tenantId, userId]
          )
          .pipe(Effect.map(firstRow(toEnrollment))),
      confirm: (tenantId, userId, recoveryCodeHashes, step) =>
        changed(
          tenantId,
          `UPDATE totp_enrollments SET confirmed = true, recovery_code_hashes = $3, last_used_step = $4
               WHERE tenant_id = $1 AND user_id = $2 AND NOT confirmed RETURNING user_id`,
          [tenantId, userId, recoveryCodeHashes, step]
        ),
      useStep: (tenantId, userId, step) =>
        changed(
          tenantId,
          `UPDATE totp_enrollments SET last_used_step = $3
               WHERE tenant_id = $1 AND user_id = $2 AND confirmed
                 AND (last_used_step IS NULL OR last_used_step < $3) RETURNING user_id`,
          [tenantId, userId, step]
        ),
      consumeRecoveryCode: (tenantId, userId, hash) =>
        changed(
          tenantId,
          `UPDATE totp_enrollments SET recovery_code_hashes = array_remove(recovery_code_hashes, $3)
               WHERE tenant_id = $1 AND user_id = $2 AND confirmed AND $3 = ANY(recovery_code_hashes)
               RETURNING user_id`,
          [tenantId, userId, hash]
        ),
      replaceRecoveryCodes: (tenantId, userId, recoveryCodeHashes) =>
        changed(
          tenantId,
          `UPDATE totp_enrollments SET recovery_code_hashes = $3
               WHERE tenant_id = $1 AND user_id = $2 AND confirmed RETURNING user_id`,
          [tenantId, userId, recoveryCodeHashes]
        ),
      delete: (tenantId, userId) =>
        db
          .query(tenantId, "DELETE FROM totp_enrollments WHERE tenant_id = $1 AND user_id = $2", [
            tenantId,
            userId
          ])
          .pipe(Effect.asVoid)
    })
  })
)
