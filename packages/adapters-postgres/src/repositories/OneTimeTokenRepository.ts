import { type OneTimeToken, OneTimeTokenRepository } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { firstRow } from "./rows.ts"

interface TokenRow {
  readonly tenant_id: string
  readonly user_id: string
  readonly purpose: string
  readonly id: string
  readonly secret_hash: string
  readonly expires_at: Date
  readonly created_at: Date
  readonly used_at: Date | null
}

const COLUMNS = "tenant_id, user_id, purpose, id, secret_hash, expires_at, created_at, used_at"

const toToken = (row: TokenRow): OneTimeToken =>
  ({
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    purpose: row.purpose,
    secretHash: row.secret_hash,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    usedAt: row.used_at
  }) as OneTimeToken

/**
 * One-time tokens on PostgreSQL. `issue` is one upsert on the (tenant, user, purpose) key, so the previous
 * token is replaced in place and concurrent issues serialise on the key; `use` is one conditional UPDATE (a
 * concurrent caller waits for the winner's row lock and then finds the token used).
 */
export const layer: Layer.Layer<OneTimeTokenRepository, never, Database> = Layer.effect(
  OneTimeTokenRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return OneTimeTokenRepository.of({
      issue: (t) =>
        db
          .query(
            t.tenantId,
            `INSERT INTO one_time_tokens (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT ON CONSTRAINT one_time_tokens_pkey DO UPDATE SET id = EXCLUDED.id,
               secret_hash = EXCLUDED.secret_hash, expires_at = EXCLUDED.expires_at,
               created_at = EXCLUDED.created_at, used_at = EXCLUDED.used_at`,
            [t.tenantId, t.userId, t.purpose, t.id, t.secretHash, t.expiresAt, t.createdAt, t.usedAt]
          )
          .pipe(Effect.asVoid),
      // By id alone (the token carries no tenant): a SECURITY DEFINER function, outside the tenant policy.
      findById: (id) =>
        db
          .query<TokenRow>(null, `SELECT ${COLUMNS} FROM gatehouse_one_time_token_by_id($1)`, [id])
          .pipe(Effect.map(firstRow(toToken))),
      use: (tenantId, id, at) =>
        db
          .query(
            tenantId,
            `UPDATE one_time_tokens SET used_at = $3
                 WHERE tenant_id = $1 AND id = $2 AND used_at IS NULL AND expires_at > $3 RETURNING id`,
            [tenantId, id, at]
          )
          .pipe(Effect.map((rows) => rows.length === 1)),
      revoke: (tenantId, userId, purpose) =>
        db
          .query(
            tenantId,
            "DELETE FROM one_time_tokens WHERE tenant_id = $1 AND user_id = $2 AND purpose = $3 RETURNING id",
            [tenantId, userId, purpose]
          )
          .pipe(Effect.map((rows) => rows.length === 1))
    })
  })
)
