import { EmailTaken, type User } from "@gatehouse/domain"
import { Effect } from "effect"
import type { Database } from "../Database.ts"
import { booleanArray, instantArray, integerArray, textArray } from "./arrayLiteral.ts"
import { distinctGroupIds, userKeys } from "./rows.ts"

const CHUNK = 5_000
/**
 * After a bulk insert of this many users the search indexes' pending lists are merged and, when the table has
 * grown by a tenth since it was last analysed, the planner's statistics refreshed
 * (`gatehouse_refresh_user_statistics`, migrations 18 and 19): PGlite has no autovacuum to do it. Analysing after
 * every 1,000-user batch of an import into a table of a million users cost ~0.3 s a batch.
 */
export const REFRESH_STATISTICS_AFTER = 1_000

// One statement per chunk: each column travels as one array literal and `unnest` turns them into rows. Where
// the time goes (bench/bulkInsert.ts, README): maintaining the users indexes (the three trigram indexes above
// all) and the per-row foreign-key checks; parsing the arrays, RLS, ON CONFLICT and the round trips are each
// within the noise, so COPY would not be faster here. Module permissions travel as one array literal per user,
// cast per row.
const INSERT_MANY = `WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
      $8::text[], $9::text[], $10::text[], $11::text[], $12::uuid[], $13::text[], $14::boolean[],
      $15::boolean[], $16::boolean[], $17::boolean[], $18::boolean[], $19::text[], $20::timestamptz[],
      $21::timestamptz[], $22::timestamptz[], $23::int[], $24::text[], $25::text[], $26::text[],
      $27::boolean[])
    AS t(tenant_id, id, email, first_name, last_name, display_name, phone, language, admin_notes, role,
      module_permissions, department_id, status, email_verified, phone_verified, must_change_password,
      require_totp, totp_enabled, password_hash, last_login_at, created_at, updated_at, version, name_key,
      display_key, kind, awaiting_setup)
  ), inserted AS (
    INSERT INTO users (tenant_id, id, email, first_name, last_name, display_name, phone, language, admin_notes,
      role, module_permissions, department_id, status, email_verified, phone_verified, must_change_password,
      require_totp, totp_enabled, password_hash, last_login_at, created_at, updated_at, version, name_key,
      display_key, kind, awaiting_setup)
    SELECT tenant_id, id, email, first_name, last_name, display_name, phone, language, admin_notes, role,
      module_permissions::text[], department_id, status, email_verified, phone_verified, must_change_password,
      require_totp, totp_enabled, password_hash, last_login_at, created_at, updated_at, version, name_key,
      display_key, kind, awaiting_setup
    FROM input
    ON CONFLICT ON CONSTRAINT users_tenant_email_key DO NOTHING
    RETURNING tenant_id, id
  ), linked AS (
    INSERT INTO user_groups (tenant_id, user_id, group_id, position)
    SELECT inserted.tenant_id, inserted.id, l.group_id, l.position
    FROM unnest($28::uuid[], $29::uuid[], $30::int[]) AS l(user_id, group_id, position)
    JOIN inserted ON inserted.id = l.user_id
  )
  SELECT id::text FROM inserted`

/** The 30 parameters of INSERT_MANY for a chunk, as array literals (see arrayLiteral.ts for why). */
export const bulkParameters = (users: ReadonlyArray<User>): ReadonlyArray<string> => {
  const keys = users.map(userKeys)
  const text = (f: (user: User) => string | null) => textArray(users.map(f))
  const flag = (f: (user: User) => boolean) => booleanArray(users.map(f))
  // The group links, one element per link: user, group, position in the user's list.
  const linkUsers: Array<string> = []
  const linkGroups: Array<string> = []
  const linkPositions: Array<number> = []
  for (const user of users)
    distinctGroupIds(user).forEach((groupId, i) => {
      linkUsers.push(user.id)
      linkGroups.push(groupId)
      linkPositions.push(i + 1)
    })
  return [
    text((u) => u.tenantId),
    text((u) => u.id),
    text((u) => u.email),
    text((u) => u.firstName),
    text((u) => u.lastName),
    text((u) => u.displayName),
    text((u) => u.phone),
    text((u) => u.language),
    text((u) => u.adminNotes),
    text((u) => u.role),
    text((u) => textArray(u.modulePermissions)),
    text((u) => u.departmentId),
    text((u) => u.status),
    flag((u) => u.emailVerified),
    flag((u) => u.phoneVerified),
    flag((u) => u.mustChangePassword),
    flag((u) => u.requireTotp),
    flag((u) => u.totpEnabled),
    text((u) => u.passwordHash),
    instantArray(users.map((u) => u.lastLoginAt)),
    instantArray(users.map((u) => u.createdAt)),
    instantArray(users.map((u) => u.updatedAt)),
    integerArray(users.map((u) => u.version)),
    textArray(keys.map((k) => k.nameKey)),
    textArray(keys.map((k) => k.displayKey)),
    text((u) => u.kind),
    flag((u) => u.awaitingSetup),
    textArray(linkUsers),
    textArray(linkGroups),
    integerArray(linkPositions)
  ]
}

/**
 * `UserRepository.insertMany`: one statement per chunk (5,000 rows by default), all chunks under one savepoint
 * (or one transaction outside any). A taken email, or one that appears twice for a tenant, is skipped by the
 * statement (ON CONFLICT on the email constraint: a concurrent call with the same email waits for the other
 * and never aborts the caller's transaction) and then undoes the whole call with `EmailTaken`. A large insert
 * then refreshes the users' statistics (`REFRESH_STATISTICS_AFTER`).
 */
export const insertUsers = (
  db: Database["Service"],
  users: ReadonlyArray<User>,
  options: { readonly chunkSize?: number } = {}
): Effect.Effect<void, EmailTaken> => {
  if (users.length === 0) return Effect.void
  const chunkSize = options.chunkSize ?? CHUNK
  return db.atomic(
    Effect.gen(function* () {
      const byTenant = new Map<string, Array<User>>()
      for (const user of users) {
        const rows = byTenant.get(user.tenantId)
        if (rows === undefined) byTenant.set(user.tenantId, [user])
        else rows.push(user)
      }
      for (const [tenantId, rows] of byTenant) {
        for (let start = 0; start < rows.length; start += chunkSize) {
          const chunk = rows.slice(start, start + chunkSize)
          const inserted = yield* db.query<{ id: string }>(tenantId, INSERT_MANY, bulkParameters(chunk))
          if (inserted.length === chunk.length) continue
          const stored = new Set(inserted.map((row) => row.id))
          const skipped = chunk.find((user) => !stored.has(user.id))!
          return yield* new EmailTaken({ email: skipped.email })
        }
      }
      if (users.length >= REFRESH_STATISTICS_AFTER)
        yield* db.query(null, "SELECT gatehouse_refresh_user_statistics()")
    })
  )
}

/** The statement of `insertUsers`, for the bench's comparison. */
export const INSERT_MANY_SQL: string = INSERT_MANY
