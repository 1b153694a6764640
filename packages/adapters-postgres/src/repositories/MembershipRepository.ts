import { AlreadyMember, type Membership, MembershipNotFound, MembershipRepository } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { listAcrossOrganizations } from "./membershipListing.ts"
import { firstRow, MEMBERSHIP_COLUMNS, type MembershipRow, toMembership } from "./rows.ts"

const values = (m: Membership) => [
  m.tenantId,
  m.organizationId,
  m.userId,
  m.role,
  m.active,
  m.expiresAt,
  m.createdAt,
  m.updatedAt
]

/** Memberships on PostgreSQL: (tenant, organization, user) is the primary key. Listed in insertion order. */
export const layer: Layer.Layer<MembershipRepository, never, Database> = Layer.effect(
  MembershipRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const list = (tenantId: string, column: "organization_id" | "user_id", id: string) =>
      db
        .read<MembershipRow>(
          tenantId,
          `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships WHERE tenant_id = $1 AND ${column} = $2
               ORDER BY position`,
          [tenantId, id]
        )
        .pipe(Effect.map((rows) => rows.map(toMembership)))

    return MembershipRepository.of({
      // ON CONFLICT on the primary key: of concurrent inserts one wins, the others see AlreadyMember.
      insert: (membership) =>
        db
          .query(
            membership.tenantId,
            `INSERT INTO memberships (${MEMBERSHIP_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT ON CONSTRAINT memberships_pkey DO NOTHING RETURNING user_id`,
            values(membership)
          )
          .pipe(
            Effect.flatMap((rows) =>
              rows.length === 1
                ? Effect.succeed(membership)
                : Effect.fail(
                    new AlreadyMember({
                      organizationId: membership.organizationId,
                      userId: membership.userId
                    })
                  )
            )
          ),
      find: (tenantId, organizationId, userId) =>
        db
          .read<MembershipRow>(
            tenantId,
            `SELECT ${MEMBERSHIP_COLUMNS} FROM memberships
                 WHERE tenant_id = $1 AND organization_id = $2 AND user_id = $3`,
            [tenantId, organizationId, userId]
          )
          .pipe(Effect.map(firstRow(toMembership))),
      update: (membership) =>
        db
          .query(
            membership.tenantId,
            `UPDATE memberships SET role = $4, active = $5, expires_at = $6, created_at = $7, updated_at = $8
               WHERE tenant_id = $1 AND organization_id = $2 AND user_id = $3 RETURNING user_id`,
            values(membership)
          )
          .pipe(
            Effect.flatMap((rows) =>
              rows.length === 1
                ? Effect.succeed(membership)
                : Effect.fail(
                    new MembershipNotFound({
                      organizationId: membership.organizationId,
                      userId: membership.userId
                    })
                  )
            )
          ),
      delete: (tenantId, organizationId, userId) =>
        db
          .query(
            tenantId,
            `DELETE FROM memberships WHERE tenant_id = $1 AND organization_id = $2 AND user_id = $3
               RETURNING user_id`,
            [tenantId, organizationId, userId]
          )
          .pipe(
            Effect.flatMap((rows) =>
              rows.length === 1
                ? Effect.void
                : Effect.fail(new MembershipNotFound({ organizationId, userId }))
            )
          ),
      listByOrganization: (tenantId, organizationId) => list(tenantId, "organization_id", organizationId),
      listByUser: (tenantId, userId) => list(tenantId, "user_id", userId),
      listAcrossOrganizations: (tenantId, query) => listAcrossOrganizations(db, tenantId, query),
      // In effect: active and unexpired at `now` (expiry is evaluated here, no job needed), user active.
      countInEffect: (tenantId, organizationId, roles, now) =>
        db
          .read<{ count: number }>(
            tenantId,
            `SELECT count(*)::int AS count FROM memberships m
                 JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
                 WHERE m.tenant_id = $1 AND m.organization_id = $2 AND m.role = ANY($3::text[]) AND m.active
                   AND (m.expires_at IS NULL OR m.expires_at > $4) AND u.status = 'active'`,
            [tenantId, organizationId, roles, now]
          )
          .pipe(Effect.map((rows) => rows[0]?.count ?? 0))
    })
  })
)
