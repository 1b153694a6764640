import { SessionRepository } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { SESSION_COLUMNS as COLUMNS, firstRow, type SessionRow, toSession } from "./rows.ts"

/**
 * Sessions on PostgreSQL. Revocation and touch are conditional updates (`revoked_at IS NULL`), so a revoked
 * session never changes again and of concurrent revokes exactly one reports true.
 */
export const layer: Layer.Layer<SessionRepository, never, Database> = Layer.effect(
  SessionRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return SessionRepository.of({
      insert: (s) =>
        db
          .write(
            s.tenantId,
            `INSERT INTO sessions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [
              s.tenantId,
              s.id,
              s.userId,
              s.secretHash,
              s.scope,
              s.createdAt,
              s.lastSeenAt,
              s.expiresAt,
              s.revokedAt
            ]
          )
          .pipe(Effect.asVoid),
      // By id alone (the token carries no tenant): a SECURITY DEFINER function, outside the tenant policy.
      findById: (id) =>
        db
          .query<SessionRow>(null, `SELECT ${COLUMNS} FROM gatehouse_session_by_id($1)`, [id])
          .pipe(Effect.map(firstRow(toSession))),
      touch: (tenantId, id, at) =>
        db
          .query(
            tenantId,
            `UPDATE sessions SET last_seen_at = $3
                 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL AND last_seen_at < $3`,
            [tenantId, id, at]
          )
          .pipe(Effect.asVoid),
      revoke: (tenantId, id, at) =>
        db
          .query(
            tenantId,
            `UPDATE sessions SET revoked_at = $3
                 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`,
            [tenantId, id, at]
          )
          .pipe(Effect.map((rows) => rows.length === 1)),
      revokeAllForUser: (tenantId, userId, at) =>
        db
          .query(
            tenantId,
            `UPDATE sessions SET revoked_at = $3
                 WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
            [tenantId, userId, at]
          )
          .pipe(Effect.map((rows) => rows.length)),
      listByUser: (tenantId, userId) =>
        db
          .query<SessionRow>(
            tenantId,
            `SELECT ${COLUMNS} FROM sessions WHERE tenant_id = $1 AND user_id = $2
                 ORDER BY created_at DESC, id DESC`,
            [tenantId, userId]
          )
          .pipe(Effect.map((rows) => rows.map(toSession)))
    })
  })
)
