import {
  type ExpiringMembership,
  type OrganizationId,
  type RoleName,
  TenantOverview,
  type UserId,
  type UserStatusCounts,
  utcDays
} from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"

interface ExpiringRow {
  readonly organization_id: string
  readonly organization_name: string
  readonly user_id: string
  readonly first_name: string
  readonly last_name: string
  readonly email: string
  readonly role: string
  readonly active: boolean
  readonly expires_at: Date
  readonly total: number
}

const toExpiring = (row: ExpiringRow): ExpiringMembership => ({
  organization: { id: row.organization_id as OrganizationId, name: row.organization_name },
  user: { id: row.user_id as UserId, firstName: row.first_name, lastName: row.last_name, email: row.email },
  role: row.role as RoleName,
  active: row.active,
  expiresAt: row.expires_at
})

/**
 * The home page's figures on PostgreSQL: users per status from `user_counts` (migrations 0005, 0018), sign-ins per day
 * from `sign_in_counts` (migration 0011, kept by a trigger on the audit trail), pending invitations and expiring
 * memberships through partial indexes (migration 0011).
 */
export const layer: Layer.Layer<TenantOverview, never, Database> = Layer.effect(
  TenantOverview,
  Effect.gen(function* () {
    const db = yield* Database
    return TenantOverview.of({
      usersByStatus: (tenantId) =>
        Effect.gen(function* () {
          const counts = { pending: 0, active: 0, disabled: 0, deactivated: 0 }
          const rows = yield* db.read<{ status: keyof typeof counts; count: number }>(
            tenantId,
            "SELECT status, sum(count)::int AS count FROM user_counts WHERE tenant_id = $1 GROUP BY status",
            [tenantId]
          )
          for (const row of rows) if (row.status in counts) counts[row.status] = row.count
          return counts satisfies UserStatusCounts
        }),
      signInsPerDay: (tenantId, { today, days }) =>
        Effect.gen(function* () {
          const window = utcDays(today, days)
          const counts = new Map(window.map((day) => [day, 0]))
          if (window.length > 0) {
            const rows = yield* db.read<{ day: string; count: number }>(
              tenantId,
              `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(count)::int AS count FROM sign_in_counts
               WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY day`,
              [tenantId, window[0], window[window.length - 1]]
            )
            for (const row of rows) counts.set(row.day, row.count)
          }
          return [...counts].map(([day, count]) => ({ day, count }))
        }),
      pendingInvitations: (tenantId, now) =>
        Effect.gen(function* () {
          const rows = yield* db.read<{ count: number }>(
            tenantId,
            `SELECT count(*)::int AS count FROM invitations
             WHERE tenant_id = $1 AND state = 'pending' AND expires_at > $2`,
            [tenantId, now]
          )
          return rows[0]?.count ?? 0
        }),
      // One statement: the page and, with a window function, the total of the whole window.
      expiringMemberships: (tenantId, { from, until, limit }) =>
        Effect.gen(function* () {
          const rows = yield* db.read<ExpiringRow>(
            tenantId,
            `WITH window_rows AS (
               SELECT organization_id, user_id, role, active, expires_at, count(*) OVER ()::int AS total
               FROM memberships
               WHERE tenant_id = $1 AND expires_at IS NOT NULL AND expires_at >= $2 AND expires_at < $3
               ORDER BY expires_at, organization_id, user_id
             ), page AS (SELECT * FROM window_rows LIMIT $4)
             SELECT p.organization_id, o.name AS organization_name, p.user_id, u.first_name, u.last_name,
                    u.email, p.role, p.active, p.expires_at, p.total
             FROM page p
             JOIN organizations o ON o.tenant_id = $1 AND o.id = p.organization_id
             JOIN users u ON u.tenant_id = $1 AND u.id = p.user_id
             ORDER BY p.expires_at, p.organization_id, p.user_id`,
            [tenantId, from, until, limit]
          )
          return { items: rows.map(toExpiring), total: rows[0]?.total ?? 0 }
        })
    })
  })
)
