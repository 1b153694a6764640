import { type Invitation, InvitationRepository } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { instantArray, textArray } from "./arrayLiteral.ts"
import { firstRow } from "./rows.ts"

interface InvitationRow {
  readonly tenant_id: string
  readonly id: string
  readonly user_id: string
  readonly secret_hash: string
  readonly state: string
  readonly expires_at: Date
  readonly created_at: Date
  readonly accepted_at: Date | null
}

const COLUMNS = "tenant_id, id, user_id, secret_hash, state, expires_at, created_at, accepted_at"

const toInvitation = (row: InvitationRow): Invitation =>
  ({
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    secretHash: row.secret_hash,
    state: row.state,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    acceptedAt: row.accepted_at
  }) as Invitation

// One statement per tenant of the call: each column as one array literal, unnested into rows. A taken or
// repeated id violates the primary key and the call dies, undone whole by the savepoint around it.
const INSERT_MANY = `INSERT INTO invitations (${COLUMNS})
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[],
    $7::timestamptz[], $8::timestamptz[])`

const byTenant = (invitations: ReadonlyArray<Invitation>): ReadonlyMap<string, Array<Invitation>> => {
  const groups = new Map<string, Array<Invitation>>()
  for (const invitation of invitations) {
    const group = groups.get(invitation.tenantId)
    if (group === undefined) groups.set(invitation.tenantId, [invitation])
    else group.push(invitation)
  }
  return groups
}

/**
 * Setup invitations on PostgreSQL. `accept` is one conditional UPDATE (`state = 'pending' AND expires_at >
 * at`): a concurrent caller waits for the winner's row lock and then finds the invitation accepted.
 */
export const layer: Layer.Layer<InvitationRepository, never, Database> = Layer.effect(
  InvitationRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return InvitationRepository.of({
      insert: (i) =>
        db
          .query(i.tenantId, `INSERT INTO invitations (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
            i.tenantId,
            i.id,
            i.userId,
            i.secretHash,
            i.state,
            i.expiresAt,
            i.createdAt,
            i.acceptedAt
          ])
          .pipe(Effect.as(i)),
      insertMany: (invitations) =>
        invitations.length === 0
          ? Effect.void
          : db.atomic(
              Effect.forEach(
                byTenant(invitations),
                ([tenantId, rows]) =>
                  db.query(tenantId, INSERT_MANY, [
                    textArray(rows.map((i) => i.tenantId)),
                    textArray(rows.map((i) => i.id)),
                    textArray(rows.map((i) => i.userId)),
                    textArray(rows.map((i) => i.secretHash)),
                    textArray(rows.map((i) => i.state)),
                    instantArray(rows.map((i) => i.expiresAt)),
                    instantArray(rows.map((i) => i.createdAt)),
                    instantArray(rows.map((i) => i.acceptedAt))
                  ]),
                { discard: true }
              )
            ),
      // By id alone (the token carries no tenant): a SECURITY DEFINER function, outside the tenant policy.
      findById: (id) =>
        db
          .query<InvitationRow>(null, `SELECT ${COLUMNS} FROM gatehouse_invitation_by_id($1)`, [id])
          .pipe(Effect.map(firstRow(toInvitation))),
      listByUser: (tenantId, userId) =>
        db
          .query<InvitationRow>(
            tenantId,
            `SELECT ${COLUMNS} FROM invitations WHERE tenant_id = $1 AND user_id = $2
                 ORDER BY created_at DESC, id DESC`,
            [tenantId, userId]
          )
          .pipe(Effect.map((rows) => rows.map(toInvitation))),
      accept: (tenantId, id, at) =>
        db
          .query(
            tenantId,
            `UPDATE invitations SET state = 'accepted', accepted_at = $3
                 WHERE tenant_id = $1 AND id = $2 AND state = 'pending' AND expires_at > $3 RETURNING id`,
            [tenantId, id, at]
          )
          .pipe(Effect.map((rows) => rows.length === 1)),
      revokePendingForUser: (tenantId, userId) =>
        db
          .query(
            tenantId,
            `UPDATE invitations SET state = 'revoked'
                 WHERE tenant_id = $1 AND user_id = $2 AND state = 'pending' RETURNING id`,
            [tenantId, userId]
          )
          .pipe(Effect.map((rows) => rows.length))
    })
  })
)
