import { MembershipExpiries } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { type MembershipRow, toMembership } from "./rows.ts"

/**
 * Recorded expiries in `membership_expiries` (migration 10): the primary key makes one of concurrent recorders
 * first. `due` reads every tenant through `gatehouse_due_membership_expiries` (the sweeper's list).
 */
export const layer: Layer.Layer<MembershipExpiries, never, Database> = Layer.effect(
  MembershipExpiries,
  Effect.gen(function* () {
    const db = yield* Database
    return MembershipExpiries.of({
      due: (now, limit) =>
        Effect.map(
          db.query<MembershipRow>(null, "SELECT * FROM gatehouse_due_membership_expiries($1, $2)", [
            now,
            limit
          ]),
          (rows) => rows.map(toMembership)
        ),
      record: (m) =>
        m.expiresAt === null
          ? Effect.succeed(false)
          : Effect.map(
              db.query(
                m.tenantId,
                `INSERT INTO membership_expiries (tenant_id, organization_id, user_id, expires_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING user_id`,
                [m.tenantId, m.organizationId, m.userId, m.expiresAt]
              ),
              (rows) => rows.length === 1
            )
    })
  })
)
