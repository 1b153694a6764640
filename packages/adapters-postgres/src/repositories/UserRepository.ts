import {
  EmailTaken,
  sortKey,
  type User,
  UserNotFound,
  UserRepository,
  VersionConflict
} from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { textArray } from "./arrayLiteral.ts"
import { insertUsers } from "./bulkInsert.ts"
import { pageLimit, pageOf } from "./listing.ts"
import { distinctGroupIds, firstRow, toUser, USER_COLUMNS, type UserRow, userKeys } from "./rows.ts"
import { listingSql, searchedStatement } from "./userListing.ts"

/** Each stored column of a user and its value; the sort and search keys are computed here. */
const COLUMNS: ReadonlyArray<readonly [string, (user: User) => unknown]> = [
  ["tenant_id", (u) => u.tenantId],
  ["id", (u) => u.id],
  ["email", (u) => u.email],
  ["first_name", (u) => u.firstName],
  ["last_name", (u) => u.lastName],
  ["display_name", (u) => u.displayName],
  ["phone", (u) => u.phone],
  ["language", (u) => u.language],
  ["admin_notes", (u) => u.adminNotes],
  ["role", (u) => u.role],
  ["module_permissions", (u) => u.modulePermissions],
  ["department_id", (u) => u.departmentId],
  ["status", (u) => u.status],
  ["kind", (u) => u.kind],
  ["awaiting_setup", (u) => u.awaitingSetup],
  ["email_verified", (u) => u.emailVerified],
  ["phone_verified", (u) => u.phoneVerified],
  ["must_change_password", (u) => u.mustChangePassword],
  ["require_totp", (u) => u.requireTotp],
  ["totp_enabled", (u) => u.totpEnabled],
  ["password_hash", (u) => u.passwordHash],
  ["last_login_at", (u) => u.lastLoginAt],
  ["created_at", (u) => u.createdAt],
  ["updated_at", (u) => u.updatedAt],
  ["version", (u) => u.version],
  ["name_key", (u) => userKeys(u).nameKey],
  ["display_key", (u) => userKeys(u).displayKey]
]

/** The column names of a stored user, in the order of `userValues`. */
export const USER_WRITE_COLUMNS: ReadonlyArray<string> = COLUMNS.map(([name]) => name)

export const userValues = (user: User): ReadonlyArray<unknown> => COLUMNS.map(([, value]) => value(user))

// Set by an update: everything but the keys, the email (immutable) and the version (computed).
const UPDATED = COLUMNS.filter(([name]) => !["tenant_id", "id", "email", "version"].includes(name))

// The user row and its group links in one statement. ON CONFLICT names the email constraint only: a
// concurrent insert of the same email waits for the winner, then inserts nothing (EmailTaken) without
// aborting the caller's transaction; any other violation stays an error.
const INSERT = `WITH inserted AS (
    INSERT INTO users (${USER_WRITE_COLUMNS.join(", ")})
    VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})
    ON CONFLICT ON CONSTRAINT users_tenant_email_key DO NOTHING
    RETURNING tenant_id, id
  ), linked AS (
    INSERT INTO user_groups (tenant_id, user_id, group_id, position)
    SELECT inserted.tenant_id, inserted.id, g.group_id, g.position
    FROM inserted, unnest($${COLUMNS.length + 1}::uuid[]) WITH ORDINALITY AS g(group_id, position)
  )
  SELECT id FROM inserted`

// Optimistic: applies only at the expected version ($3). Group links are replaced by the difference (links
// kept keep their row, only their position changes).
const UPDATE = `WITH updated AS (
    UPDATE users SET ${UPDATED.map(([name], i) => `${name} = $${i + 5}`).join(", ")}, version = $3 + 1
    WHERE tenant_id = $1 AND id = $2 AND version = $3
    RETURNING tenant_id, id, email
  ), unlinked AS (
    DELETE FROM user_groups ug USING updated
    WHERE ug.tenant_id = updated.tenant_id AND ug.user_id = updated.id AND ug.group_id <> ALL($4::uuid[])
  ), linked AS (
    INSERT INTO user_groups (tenant_id, user_id, group_id, position)
    SELECT updated.tenant_id, updated.id, g.group_id, g.position
    FROM updated, unnest($4::uuid[]) WITH ORDINALITY AS g(group_id, position)
    ON CONFLICT ON CONSTRAINT user_groups_pkey DO UPDATE SET position = EXCLUDED.position
  )
  SELECT email FROM updated`

/** Users on PostgreSQL. Memberships and group links go with a deleted user (foreign keys cascade). */
export const layer: Layer.Layer<UserRepository, never, Database> = Layer.effect(
  UserRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const findOne = (tenantId: string, condition: string, value: string) =>
      db
        .read<UserRow>(
          tenantId,
          `SELECT ${USER_COLUMNS} FROM users u WHERE u.tenant_id = $1 AND ${condition} = $2`,
          [tenantId, value]
        )
        .pipe(Effect.map(firstRow(toUser)))
    const count = (tenantId: string, sql: string, params: ReadonlyArray<unknown>) =>
      db.read<{ count: number }>(tenantId, sql, params).pipe(Effect.map((rows) => rows[0]?.count ?? 0))

    return UserRepository.of({
      insert: (user) =>
        db
          .query(user.tenantId, INSERT, [...userValues(user), distinctGroupIds(user)])
          .pipe(
            Effect.flatMap((rows) =>
              rows.length === 1
                ? Effect.succeed({ ...user, groupIds: distinctGroupIds(user) } as User)
                : Effect.fail(new EmailTaken({ email: user.email }))
            )
          ),
      insertMany: (users) => insertUsers(db, users),
      findById: (tenantId, id) => findOne(tenantId, "u.id", id),
      findByEmail: (tenantId, email) => findOne(tenantId, "u.email", email),
      existingEmails: (tenantId, emails) =>
        emails.length > 0
          ? db
              .read<{ email: User["email"] }>(
                tenantId,
                "SELECT email FROM users WHERE tenant_id = $1 AND email = ANY($2::text[])",
                [tenantId, textArray(emails)]
              )
              .pipe(Effect.map((rows): ReadonlySet<User["email"]> => new Set(rows.map((row) => row.email))))
          : Effect.succeed(new Set<User["email"]>()),
      update: (user, expectedVersion) =>
        Effect.gen(function* () {
          const groupIds = distinctGroupIds(user)
          const rows = yield* db.query<{ email: User["email"] }>(user.tenantId, UPDATE, [
            user.tenantId,
            user.id,
            expectedVersion,
            groupIds,
            ...UPDATED.map(([, value]) => value(user))
          ])
          const stored = rows[0]
          if (stored !== undefined)
            return { ...user, email: stored.email, groupIds, version: expectedVersion + 1 } as User
          const actual = yield* db.query<{ version: number }>(
            user.tenantId,
            "SELECT version FROM users WHERE tenant_id = $1 AND id = $2",
            [user.tenantId, user.id]
          )
          if (actual[0] === undefined) return yield* new UserNotFound({ userId: user.id })
          return yield* new VersionConflict({ expected: expectedVersion, actual: actual[0].version })
        }),
      delete: (tenantId, id) =>
        db
          .query(tenantId, "DELETE FROM users WHERE tenant_id = $1 AND id = $2 RETURNING id", [tenantId, id])
          .pipe(
            Effect.flatMap((rows) =>
              rows.length === 1 ? Effect.void : Effect.fail(new UserNotFound({ userId: id }))
            )
          ),
      list: (tenantId, query) =>
        Effect.gen(function* () {
          const sql = listingSql(tenantId, query)
          const limit = pageLimit(query.limit)
          if (sql.searched) {
            // A search is the costly part: run it once, and take both the page and the total from its matches.
            const rows = yield* db.read<UserRow & { readonly total_count: number }>(
              tenantId,
              searchedStatement(sql, USER_COLUMNS, limit + 1),
              sql.params
            )
            const total = rows[0]?.total_count ?? 0
            const page = rows.filter((row) => row.id !== null)
            return pageOf(page, { limit, total, toItem: toUser, keyOf: (user) => sortKey(user, query.sort) })
          }
          // The page and its total in one statement (one snapshot, one round trip; on PGlite one statement less):
          // the total is a subquery on the filter's parameters, evaluated once. An empty page carries no total.
          const rows = yield* db.read<UserRow & { readonly total_count: number }>(
            tenantId,
            `SELECT (${sql.total.sql}) AS total_count, ${USER_COLUMNS} FROM users u
             WHERE ${sql.pageWhere} ORDER BY ${sql.orderBy} LIMIT ${limit + 1}`,
            sql.params
          )
          const total = rows[0]?.total_count ?? (yield* count(tenantId, sql.total.sql, sql.total.params))
          return pageOf(rows, { limit, total, toItem: toUser, keyOf: (user) => sortKey(user, query.sort) })
        }),
      countActiveWithRole: (tenantId, roles) =>
        count(
          tenantId,
          `SELECT count(*)::int AS count FROM users
               WHERE tenant_id = $1 AND status = 'active' AND role = ANY($2::text[])`,
          [tenantId, roles]
        )
    })
  })
)
