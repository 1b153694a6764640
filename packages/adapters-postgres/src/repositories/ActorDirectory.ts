import {
  ActorDirectory,
  type ActorRecord,
  type ActorSnapshot,
  type SessionActorRecord,
  type SessionRecord,
  type UserStatus
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { Database } from "../Database.ts"
import {
  firstRow,
  MEMBERSHIP_COLUMNS,
  type MembershipRow,
  type OrganizationRow,
  ROLE_COLUMNS,
  type RoleRow,
  SESSION_COLUMNS,
  type SessionRow,
  TENANT_COLUMNS,
  type TenantRow,
  toMembership,
  toOrganization,
  toRole,
  toSession,
  toTenant,
  toUser,
  USER_COLUMNS,
  type UserRow
} from "./rows.ts"

const tenantColumns = TENANT_COLUMNS.split(", ")
const TIMESTAMPS = new Set(["expires_at", "created_at", "updated_at"])

// A membership as JSON gives it: timestamps as epoch milliseconds (exact, whatever the session's time zone),
// truncated to the millisecond like the driver's own parsing of a timestamptz.
type MembershipJson = Omit<MembershipRow, "expires_at" | "created_at" | "updated_at"> & {
  readonly expires_at: number | null
  readonly created_at: number
  readonly updated_at: number
}

const membershipJson = MEMBERSHIP_COLUMNS.split(", ")
  .map((column) =>
    TIMESTAMPS.has(column)
      ? `'${column}', (extract(epoch FROM date_trunc('milliseconds', m.${column})) * 1000)::bigint`
      : `'${column}', m.${column}`
  )
  .join(", ")

type TenantColumns = { readonly [K in keyof TenantRow as `t_${K}`]: TenantRow[K] }

type ActorRow = UserRow &
  TenantColumns & {
    readonly roles: ReadonlyArray<RoleRow>
    readonly memberships: ReadonlyArray<MembershipJson>
    readonly inactive_organizations: ReadonlyArray<string>
  }

// One statement: the tenant's row joined with the user's (no row when either is missing or the user is of
// another tenant), the tenant's roles in `RoleRepository.list` order and the user's memberships in
// `listByUser` order as JSON arrays, and the inactive organizations among those memberships in the same order.
// One statement reads one snapshot, and sees its transaction's writes. A read (`Database.read`): first in its
// transaction (GET /v1/me after the session check), it runs in a read-only transaction of its own, BEGIN and
// tenant setting, statement and COMMIT in one round trip.
const LOAD = `SELECT ${tenantColumns.map((column) => `t.${column} AS t_${column}`).join(", ")},
  ${USER_COLUMNS},
  (SELECT coalesce(json_agg(r ORDER BY r.scope = 'organization', r.position), '[]'::json)
     FROM (SELECT ${ROLE_COLUMNS}, position FROM roles WHERE tenant_id = t.id) r) AS roles,
  (SELECT coalesce(json_agg(json_build_object(${membershipJson}) ORDER BY m.position), '[]'::json)
     FROM memberships m WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id) AS memberships,
  (SELECT coalesce(json_agg(m.organization_id ORDER BY m.position), '[]'::json)
     FROM memberships m JOIN organizations o ON o.tenant_id = m.tenant_id AND o.id = m.organization_id
     WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id AND o.status = 'inactive') AS inactive_organizations
FROM tenants t JOIN users u ON u.tenant_id = t.id
WHERE t.id = $1 AND u.id = $2`

const tenantRowOf = (row: TenantColumns): TenantRow => ({
  id: row.t_id,
  slug: row.t_slug,
  name: row.t_name,
  preset: row.t_preset,
  password_policy: row.t_password_policy,
  settings: row.t_settings,
  created_at: row.t_created_at,
  updated_at: row.t_updated_at,
  version: row.t_version
})

const fromJson = (m: MembershipJson): MembershipRow => ({
  ...m,
  expires_at: m.expires_at === null ? null : new Date(m.expires_at),
  created_at: new Date(m.created_at),
  updated_at: new Date(m.updated_at)
})

const toRecord = (row: ActorRow): ActorRecord => ({
  tenant: toTenant(tenantRowOf(row)),
  user: toUser(row),
  roles: row.roles.map(toRole),
  memberships: row.memberships.map((m) => toMembership(fromJson(m))),
  inactiveOrganizations: row.inactive_organizations as ActorRecord["inactiveOrganizations"]
})

// By id alone (the token carries no tenant): a SECURITY DEFINER function, outside the tenant policy, that
// joins the session's user on the session's own (tenant, user) key. One statement, one snapshot: a plain read
// (`Database.plainRead`), sent without BEGIN or COMMIT when it comes first (the session check of every
// authenticated request).
const FIND_SESSION = `SELECT ${SESSION_COLUMNS}, user_status FROM gatehouse_session_with_user($1)`

type SessionWithUserRow = SessionRow & { readonly user_status: string | null }

const toSessionRecord = (row: SessionWithUserRow): SessionRecord => ({
  session: toSession(row),
  userStatus: row.user_status === null ? undefined : (row.user_status as UserStatus)
})

// The session check and the actor in one statement (migration 21): the session's columns prefixed `s_`, its
// user's status, and the actor as `LOAD` reads it (NULL columns once the user is gone) with the memberships'
// organizations as JSON. A plain read, like `FIND_SESSION`: alone when it comes first (GET /v1/me).
const FIND_SESSION_ACTOR = "SELECT * FROM gatehouse_session_actor($1)"

type OrganizationJson = Omit<OrganizationRow, "created_at" | "updated_at"> & {
  readonly created_at: number
  readonly updated_at: number
}

type SessionActorRow = {
  readonly [K in keyof SessionRow as `s_${K}`]: SessionRow[K]
} & { readonly user_status: string | null } & (
    | (Omit<ActorRow, "inactive_organizations"> & { readonly organizations: ReadonlyArray<OrganizationJson> })
    | { readonly id: null }
  )

const toSessionActorRecord = (row: SessionActorRow): SessionActorRecord => {
  const session = toSession({
    tenant_id: row.s_tenant_id,
    id: row.s_id,
    user_id: row.s_user_id,
    secret_hash: row.s_secret_hash,
    scope: row.s_scope,
    created_at: row.s_created_at,
    last_seen_at: row.s_last_seen_at,
    expires_at: row.s_expires_at,
    revoked_at: row.s_revoked_at
  })
  const userStatus = row.user_status === null ? undefined : (row.user_status as UserStatus)
  if (row.id === null) return { session, userStatus, actor: Option.none() }
  const organizations = row.organizations.map((o) =>
    toOrganization({ ...o, created_at: new Date(o.created_at), updated_at: new Date(o.updated_at) })
  )
  const actor: ActorSnapshot = {
    tenant: toTenant(tenantRowOf(row)),
    user: toUser(row),
    roles: row.roles.map(toRole),
    memberships: row.memberships.map((m) => toMembership(fromJson(m))),
    inactiveOrganizations: organizations.filter((o) => o.status === "inactive").map((o) => o.id),
    organizations
  }
  return { session, userStatus, actor: Option.some(actor) }
}

/**
 * The actor in one statement, read under the tenant's row-level security; a presented session with its
 * user's status in one statement; both in one statement (`findSessionActor`, GET /v1/me).
 */
export const layer: Layer.Layer<ActorDirectory, never, Database> = Layer.effect(
  ActorDirectory,
  Effect.gen(function* () {
    const db = yield* Database
    return ActorDirectory.of({
      load: (tenantId, userId) =>
        db.read<ActorRow>(tenantId, LOAD, [tenantId, userId]).pipe(Effect.map(firstRow(toRecord))),
      findSession: (id) =>
        db.plainRead<SessionWithUserRow>(FIND_SESSION, [id]).pipe(Effect.map(firstRow(toSessionRecord))),
      findSessionActor: (id) =>
        db
          .plainRead<SessionActorRow>(FIND_SESSION_ACTOR, [id])
          .pipe(Effect.map(firstRow(toSessionActorRecord)))
    })
  })
)
