import {
  type AuditEvent,
  type Department,
  type Group,
  type Membership,
  type Organization,
  type Role,
  type Session,
  type Tenant,
  type User,
  userNameKey
} from "@gatehouse/domain"
import { Option } from "effect"

// Rows as node-postgres returns them: uuid and text as strings, timestamptz as Date, jsonb parsed, arrays
// as arrays. Each mapper builds exactly the domain object (no extra keys), so a stored value reads back equal.

export interface TenantRow {
  readonly id: string
  readonly slug: string
  readonly name: string
  readonly preset: string
  readonly password_policy: unknown
  readonly settings: unknown
  readonly created_at: Date
  readonly updated_at: Date
  readonly version: number
}

export const TENANT_COLUMNS =
  "id, slug, name, preset, password_policy, settings, created_at, updated_at, version"

export const toTenant = (row: TenantRow): Tenant =>
  ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    preset: row.preset,
    passwordPolicy: row.password_policy,
    settings: row.settings,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version
  }) as Tenant

export interface RoleRow {
  readonly tenant_id: string
  readonly scope: string
  readonly name: string
  readonly permissions: ReadonlyArray<string>
  readonly requires_totp: boolean
  readonly built_in: boolean
}

export const ROLE_COLUMNS = "tenant_id, scope, name, permissions, requires_totp, built_in"

export const toRole = (row: RoleRow): Role =>
  ({
    tenantId: row.tenant_id,
    name: row.name,
    scope: row.scope,
    permissions: row.permissions,
    requiresTotp: row.requires_totp,
    builtIn: row.built_in
  }) as Role

export interface UserRow {
  readonly tenant_id: string
  readonly id: string
  readonly email: string
  readonly first_name: string
  readonly last_name: string
  readonly display_name: string | null
  readonly phone: string | null
  readonly language: string | null
  readonly admin_notes: string | null
  readonly role: string
  readonly module_permissions: ReadonlyArray<string>
  readonly department_id: string | null
  readonly group_ids: ReadonlyArray<string>
  readonly status: string
  readonly kind: string
  readonly awaiting_setup: boolean
  readonly email_verified: boolean
  readonly phone_verified: boolean
  readonly must_change_password: boolean
  readonly require_totp: boolean
  readonly totp_enabled: boolean
  readonly password_hash: string | null
  readonly last_login_at: Date | null
  readonly created_at: Date
  readonly updated_at: Date
  readonly version: number
}

/** The columns of `users u` plus the user's groups, in the order they were stored. */
export const USER_COLUMNS = `u.tenant_id, u.id, u.email, u.first_name, u.last_name, u.display_name, u.phone,
  u.language, u.admin_notes, u.role, u.module_permissions, u.department_id, u.status, u.email_verified,
  u.phone_verified, u.must_change_password, u.require_totp, u.totp_enabled, u.password_hash, u.last_login_at,
  u.created_at, u.updated_at, u.version, u.kind, u.awaiting_setup,
  ARRAY(SELECT ug.group_id::text FROM user_groups ug
        WHERE ug.tenant_id = u.tenant_id AND ug.user_id = u.id ORDER BY ug.position) AS group_ids`

export const toUser = (row: UserRow): User =>
  ({
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: row.display_name,
    phone: row.phone,
    language: row.language,
    adminNotes: row.admin_notes,
    role: row.role,
    modulePermissions: row.module_permissions,
    departmentId: row.department_id,
    groupIds: row.group_ids,
    status: row.status,
    kind: row.kind,
    awaitingSetup: row.awaiting_setup,
    emailVerified: row.email_verified,
    phoneVerified: row.phone_verified,
    mustChangePassword: row.must_change_password,
    requireTotp: row.require_totp,
    totpEnabled: row.totp_enabled,
    passwordHash: row.password_hash,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version
  }) as User

/**
 * The sort and search keys of a user: `name_key` is the domain's `userNameKey` (compared `COLLATE "C"`, the
 * domain's code point order), `display_key` the display name lower-cased the same way.
 */
export const userKeys = (user: User): { readonly nameKey: string; readonly displayKey: string } => ({
  nameKey: userNameKey(user),
  displayKey: (user.displayName ?? "").toLowerCase()
})

/** Group ids without repeats, first occurrence first (the join table holds each link once). */
export const distinctGroupIds = (user: User): ReadonlyArray<string> => [...new Set(user.groupIds)]

export interface OrganizationRow {
  readonly tenant_id: string
  readonly id: string
  readonly name: string
  readonly slug: string
  readonly company_name: string | null
  readonly tax_id: string | null
  readonly status: string
  readonly kind: string
  readonly pims_customer_code: string | null
  readonly pims_customer_name: string | null
  readonly price_code: string | null
  readonly created_at: Date
  readonly updated_at: Date
  readonly version: number
}

export const ORGANIZATION_COLUMNS =
  "tenant_id, id, name, slug, company_name, tax_id, status, kind, pims_customer_code, pims_customer_name, " +
  "price_code, created_at, updated_at, version"

export const toOrganization = (row: OrganizationRow): Organization =>
  ({
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    slug: row.slug,
    companyName: row.company_name,
    taxId: row.tax_id,
    status: row.status,
    kind: row.kind,
    pimsCustomerCode: row.pims_customer_code,
    pimsCustomerName: row.pims_customer_name,
    priceCode: row.price_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version
  }) as Organization

export interface MembershipRow {
  readonly tenant_id: string
  readonly organization_id: string
  readonly user_id: string
  readonly role: string
  readonly active: boolean
  readonly expires_at: Date | null
  readonly created_at: Date
  readonly updated_at: Date
}

export const MEMBERSHIP_COLUMNS =
  "tenant_id, organization_id, user_id, role, active, expires_at, created_at, updated_at"

export const toMembership = (row: MembershipRow): Membership =>
  ({
    tenantId: row.tenant_id,
    organizationId: row.organization_id,
    userId: row.user_id,
    role: row.role,
    active: row.active,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }) as Membership

export interface GroupRow {
  readonly tenant_id: string
  readonly id: string
  readonly name: string
  readonly description: string | null
  readonly created_at: Date
  readonly updated_at: Date
}

export const toGroup = (row: GroupRow): Group =>
  ({
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }) as Group

export type DepartmentRow = Omit<GroupRow, "description">

export const toDepartment = (row: DepartmentRow): Department =>
  ({
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }) as Department

export interface AuditRow {
  readonly tenant_id: string
  readonly id: string
  readonly at: Date
  readonly actor_kind: string
  readonly actor_id: string | null
  readonly action: string
  readonly target_type: string | null
  readonly target_id: string | null
  readonly details: Record<string, unknown>
}

export const AUDIT_COLUMNS =
  "tenant_id, id, at, actor_kind, actor_id, action, target_type, target_id, details"

export const toAuditEvent = (row: AuditRow): AuditEvent =>
  ({
    id: row.id,
    tenantId: row.tenant_id,
    at: row.at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details
  }) as AuditEvent

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether a string can be a stored id; anything else matches no row (and must not reach a uuid cast). */
export const isUuid = (value: string): boolean => UUID.test(value)

/** Whether every one of the strings can be a stored id: a statement keyed by them may run, else none matches. */
export const keyed = (...ids: ReadonlyArray<string>): boolean => ids.every(isUuid)

export interface SessionRow {
  readonly tenant_id: string
  readonly id: string
  readonly user_id: string
  readonly secret_hash: string
  readonly scope: string
  readonly created_at: Date
  readonly last_seen_at: Date
  readonly expires_at: Date
  readonly revoked_at: Date | null
}

export const SESSION_COLUMNS =
  "tenant_id, id, user_id, secret_hash, scope, created_at, last_seen_at, expires_at, revoked_at"

export const toSession = (row: SessionRow): Session =>
  ({
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    secretHash: row.secret_hash,
    scope: row.scope,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at
  }) as Session

/** The first row of a lookup by key, mapped to its domain object; none when no row came back. */
export const firstRow =
  <Row, A>(to: (row: Row) => A) =>
  (rows: ReadonlyArray<Row>): Option.Option<A> =>
    Option.map(Option.fromNullishOr(rows[0]), to)
