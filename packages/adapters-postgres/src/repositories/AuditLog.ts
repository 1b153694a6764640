import { AuditLog } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { cursorId, keysetPast, pageLimit, pageOf, positionOf, sqlParams } from "./listing.ts"
import { AUDIT_COLUMNS, type AuditRow, toAuditEvent } from "./rows.ts"

/**
 * The audit trail on PostgreSQL. The application role may only insert and read `audit_events`, so events are
 * never changed nor removed; `append` runs in the caller's transaction.
 */
export const layer: Layer.Layer<AuditLog, never, Database> = Layer.effect(
  AuditLog,
  Effect.gen(function* () {
    const db = yield* Database
    return AuditLog.of({
      append: (event) =>
        db
          .write(
            event.tenantId,
            `INSERT INTO audit_events (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [
              event.tenantId,
              event.id,
              event.at,
              event.actorKind,
              event.actorId,
              event.action,
              event.targetType,
              event.targetId,
              JSON.stringify(event.details)
            ]
          )
          .pipe(Effect.asVoid),
      // Newest first: time descending, then id descending.
      query: (tenantId, query) =>
        Effect.gen(function* () {
          const { params, param } = sqlParams(tenantId)
          const filters = ["tenant_id = $1"]
          if (query.actorId !== undefined) filters.push(`actor_id = ${param(query.actorId)}`)
          if (query.targetId !== undefined) filters.push(`target_id = ${param(query.targetId)}`)
          if (query.action !== undefined) filters.push(`action = ${param(query.action)}`)
          if (query.from !== undefined) filters.push(`at >= ${param(query.from.toISOString())}::timestamptz`)
          if (query.before !== undefined)
            filters.push(`at < ${param(query.before.toISOString())}::timestamptz`)
          const where = filters.join(" AND ")
          const filterParams = [...params]
          const position = positionOf(query.cursor)
          let pageWhere = where
          if (position !== undefined) {
            const at = new Date(Number(position.key))
            pageWhere = Number.isNaN(at.getTime())
              ? `${where} AND false`
              : `${where} AND ${keysetPast("at", `${param(at.toISOString())}::timestamptz`, cursorId("id", position.id, param), "<")}`
          }
          const limit = pageLimit(query.limit)
          const rows = yield* db.read<AuditRow>(
            tenantId,
            `SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE ${pageWhere} ORDER BY at DESC, id DESC LIMIT ${limit + 1}`,
            params
          )
          const total = yield* db.read<{ count: number }>(
            tenantId,
            `SELECT count(*)::int AS count FROM audit_events WHERE ${where}`,
            filterParams
          )
          return pageOf(rows, {
            limit,
            total: total[0]?.count ?? 0,
            toItem: toAuditEvent,
            keyOf: (event) => event.at.getTime()
          })
        })
    })
  })
)
