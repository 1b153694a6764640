import {
  AuditActorKind,
  AuditEvent,
  Department,
  Group,
  Membership,
  ModulePermission,
  Organization,
  OrganizationKind,
  OrganizationStatus,
  PasswordPolicy,
  Permission,
  PresetName,
  Role,
  RoleScope,
  type Session,
  SessionId,
  Tenant,
  TenantId,
  TenantSettings,
  User,
  UserId,
  UserKind,
  UserStatus,
  userNameKey
} from "@gatehouse/domain"
import { Option, Schema, SchemaAST, SchemaGetter } from "effect"

// Each table's row is one Schema: a Struct of its columns as node-postgres returns them (uuid and text as
// strings, timestamptz as Date, jsonb parsed, arrays as arrays, an enum-like text column as the domain's
// literals). From it come the column list of a SELECT (`selectList`), the row type (`typeof XRow.Type`) and,
// through `rowDecoder`, the domain object: the Schema transformation `row -> domain` that builds exactly the
// domain object (no extra keys), so a stored value reads back equal.
//
// Cost. Effect Schema's decoding is an interpreter: decoding 50 user rows through the full transformation (row
// shape, then every domain refinement: uuid, email, name, phone, language tag checks) took ~1,500 us against
// ~4-5 us for the former cast mappers, and even a `Schema.is` of the row's shape alone ~250-370 us
// (bench/rowDecoding.ts, 2026-12-06). The users list page reads 50 rows per request, so on the request path a
// row is checked by a function generated once per table from the row Schema's AST (`compileRow`: typeof /
// instanceof / literal comparisons per column, a struct column's keys): ~8 us per 50 rows, ~0.1 us a row over
// the cast. What it proves is the row's shape: every column present with its storage type, nullability,
// array-ness and enum value. The domain's refinements and brands (an id's uuid form, an email's shape, a name's
// length) are values the repositories wrote from validated domain objects and are not re-checked there;
// `GATEHOUSE_ROW_CHECKS=full` (set for every test run by vitest.shared.ts) decodes each row through the whole
// transformation instead, so the contract suites on PGlite and the server prove that every row read back is a
// valid domain object. A row that fails either check is a defect naming the table and the column.

const DATE_AST = Schema.Date.ast
/** `Schema.Date`, with or without refinements (which share its declaration's `run`). */
const isDate = (ast: SchemaAST.Declaration): boolean =>
  ast === DATE_AST || ast.run === (DATE_AST as SchemaAST.Declaration).run

/**
 * The JavaScript condition that `value` (an expression) has the shape of `ast`: its type, nullability, literal
 * set, array-ness and a struct's keys. Refinements (`checks`: a uuid's form, a length, an integer) are left to
 * the full decoding. What it cannot express (a recursive Schema such as `Schema.Json`) becomes a call of the
 * Schema's own guard, kept in `guards`. `depth` names the variables of nested elements and fields.
 */
const condition = (
  ast: SchemaAST.AST,
  value: string,
  guards: Array<(value: unknown) => boolean>,
  depth = 0
): string => {
  if (ast.encoding === undefined) {
    switch (ast._tag) {
      case "String":
        return `typeof ${value} === "string"`
      case "Number":
        return `typeof ${value} === "number"`
      case "Boolean":
        return `typeof ${value} === "boolean"`
      case "Null":
        return `${value} === null`
      case "Unknown":
        return "true"
      case "Literal":
        if (
          typeof ast.literal === "string" ||
          typeof ast.literal === "number" ||
          typeof ast.literal === "boolean"
        )
          return `${value} === ${JSON.stringify(ast.literal)}`
        break
      case "Union":
        return `(${ast.types.map((member) => condition(member, value, guards, depth)).join(" || ")})`
      case "Arrays":
        if (ast.elements.length === 0 && ast.rest.length === 1) {
          const item = `item${depth}`
          return `(Array.isArray(${value}) && ${value}.every((${item}) => ${condition(ast.rest[0]!, item, guards, depth + 1)}))`
        }
        break
      case "Objects":
        if (ast.indexSignatures.length === 0) {
          const object = `object${depth}`
          const fields = ast.propertySignatures.map((field) => {
            const key = JSON.stringify(field.name)
            const present = condition(field.type, `${object}[${key}]`, guards, depth + 1)
            return SchemaAST.isOptional(field.type)
              ? `(!Object.hasOwn(${object}, ${key}) || ${present})`
              : present
          })
          return `((${object}) => typeof ${object} === "object" && ${object} !== null && !Array.isArray(${object})${fields.map((field) => ` && ${field}`).join("")})(${value})`
        }
        break
    }
    if (ast._tag === "Declaration" && ast.typeParameters.length === 0 && isDate(ast))
      return `${value} instanceof Date`
  }
  guards.push(Schema.is(Schema.make<Schema.Top>(ast)))
  return `guards[${guards.length - 1}](${value})`
}

/**
 * Whether a value has the row's shape: one function per table, generated once from the row Schema's AST (plain
 * typeof / instanceof / literal comparisons per column, which V8 runs at the cost of the reads themselves).
 * The column names are the Schema's own keys, quoted.
 */
const compileRow = (fields: Schema.Struct.Fields): ((row: unknown) => boolean) => {
  const guards: Array<(value: unknown) => boolean> = []
  const conditions = Object.entries(fields).map(([name, field]) =>
    condition(field.ast, `row[${JSON.stringify(name)}]`, guards)
  )
  const body = `return typeof row === "object" && row !== null && ${conditions.join(" && ")}`
  return new Function("guards", `return function (row) { ${body} }`)(guards)
}

const fullChecks = globalThis.process?.env?.GATEHOUSE_ROW_CHECKS === "full"

/** A row that does not match its table's Schema: a defect (a column missing, renamed or of another type). */
const rowDefect = (table: string, error: unknown): Error =>
  new Error(
    `A row of ${table} does not match its Schema: ${error instanceof Error ? error.message : String(error)}`,
    {
      cause: error
    }
  )

/** A table's decoder: a row to the domain object, with the Schema transformation it stands for. */
export interface RowDecoder<R extends Schema.Top, D extends Schema.Top> {
  (row: R["Type"]): D["Type"]
  /** The Schema transformation `row -> domain` (decoding only). */
  readonly schema: Schema.Codec<D["Type"], R["Type"]>
  /** Decodes through `schema`, whatever `GATEHOUSE_ROW_CHECKS` says. */
  readonly decodeFully: (row: R["Type"]) => D["Type"]
  /** Checks the row's shape (compiled) and renames, whatever `GATEHOUSE_ROW_CHECKS` says. */
  readonly checked: (row: R["Type"]) => D["Type"]
}

/**
 * How a row of `table` becomes the domain object: the Schema transformation `row -> domain` (`map` renames the
 * columns; decoding only, rows are written by the repositories' own statements). The returned function checks
 * the row's shape (compiled, see above) or, under `GATEHOUSE_ROW_CHECKS=full`, decodes the whole
 * transformation; it throws (a defect inside `Effect.map`) naming the column when the row does not match.
 */
export const rowDecoder = <R extends Schema.Struct<Schema.Struct.Fields>, D extends Schema.Top>(
  table: string,
  row: R,
  domain: D,
  map: (row: R["Type"]) => D["Encoded"]
): RowDecoder<R, D> => {
  const transformation = row.pipe(
    Schema.decodeTo(domain, {
      decode: SchemaGetter.transform(map),
      encode: SchemaGetter.forbidden(() => `${table} rows are written by their repository's statements`)
    })
  )
  const schema = transformation as unknown as Schema.Codec<D["Type"], R["Type"]>
  const decodeFully = Schema.decodeUnknownSync(schema)
  const decodeShape = Schema.decodeUnknownSync(row as unknown as Schema.Codec<R["Type"], unknown>)
  const hasShape = compileRow(row.fields)
  const decode = (value: R["Type"]): D["Type"] => {
    try {
      return decodeFully(value)
    } catch (error) {
      throw rowDefect(table, error)
    }
  }
  const checked = (value: R["Type"]): D["Type"] => {
    if (hasShape(value)) return map(value) as D["Type"]
    try {
      decodeShape(value)
    } catch (error) {
      throw rowDefect(table, error)
    }
    // The compiled check and the Schema disagree: let the Schema's decoding decide (and name the column).
    return decode(value)
  }
  return Object.assign(fullChecks ? decode : checked, { schema, decodeFully: decode, checked })
}

/**
 * The SELECT list of a row Schema's columns, in its field order: each column qualified by `alias` when given,
 * or computed by the SQL of `expressions` (`<sql> AS <column>`).
 */
export const selectList = <F extends Schema.Struct.Fields>(
  row: Schema.Struct<F>,
  options: { readonly alias?: string; readonly expressions?: { readonly [K in keyof F]?: string } } = {}
): string =>
  Object.keys(row.fields)
    .map((column) => {
      const expression = options.expressions?.[column]
      if (expression !== undefined) return `${expression} AS ${column}`
      return options.alias === undefined ? column : `${options.alias}.${column}`
    })
    .join(", ")

const Text = Schema.String
const NullableText = Schema.NullOr(Schema.String)
const TextArray = Schema.Array(Schema.String)
const Timestamp = Schema.Date
const NullableTimestamp = Schema.NullOr(Schema.Date)

export const TenantRow = Schema.Struct({
  id: Text,
  slug: Text,
  name: Text,
  preset: PresetName,
  password_policy: PasswordPolicy,
  settings: TenantSettings,
  created_at: Timestamp,
  updated_at: Timestamp,
  version: Schema.Number
})
export type TenantRow = typeof TenantRow.Type

export const TENANT_COLUMNS = selectList(TenantRow)

export const toTenant = rowDecoder("tenants", TenantRow, Tenant, (row) => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  preset: row.preset,
  passwordPolicy: row.password_policy,
  settings: row.settings,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version
}))

export const RoleRow = Schema.Struct({
  tenant_id: Text,
  scope: RoleScope,
  name: Text,
  permissions: Schema.Array(Permission),
  requires_totp: Schema.Boolean,
  built_in: Schema.Boolean
})
export type RoleRow = typeof RoleRow.Type

export const ROLE_COLUMNS = selectList(RoleRow)

export const toRole = rowDecoder("roles", RoleRow, Role, (row) => ({
  tenantId: row.tenant_id,
  name: row.name,
  scope: row.scope,
  permissions: row.permissions,
  requiresTotp: row.requires_totp,
  builtIn: row.built_in
}))

export const UserRow = Schema.Struct({
  tenant_id: Text,
  id: Text,
  email: Text,
  first_name: Text,
  last_name: Text,
  display_name: NullableText,
  phone: NullableText,
  language: NullableText,
  admin_notes: NullableText,
  role: Text,
  module_permissions: Schema.Array(ModulePermission),
  department_id: NullableText,
  status: UserStatus,
  email_verified: Schema.Boolean,
  phone_verified: Schema.Boolean,
  must_change_password: Schema.Boolean,
  require_totp: Schema.Boolean,
  totp_enabled: Schema.Boolean,
  password_hash: NullableText,
  last_login_at: NullableTimestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
  version: Schema.Number,
  kind: UserKind,
  awaiting_setup: Schema.Boolean,
  group_ids: TextArray
})
export type UserRow = typeof UserRow.Type

/** The columns of `users u` plus the user's groups, in the order they were stored. */
export const USER_COLUMNS = selectList(UserRow, {
  alias: "u",
  expressions: {
    group_ids: `ARRAY(SELECT ug.group_id::text FROM user_groups ug
        WHERE ug.tenant_id = u.tenant_id AND ug.user_id = u.id ORDER BY ug.position)`
  }
})

export const toUser = rowDecoder("users", UserRow, User, (row) => ({
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
}))

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

export const OrganizationRow = Schema.Struct({
  tenant_id: Text,
  id: Text,
  name: Text,
  slug: Text,
  company_name: NullableText,
  tax_id: NullableText,
  status: OrganizationStatus,
  kind: OrganizationKind,
  pims_customer_code: NullableText,
  pims_customer_name: NullableText,
  price_code: NullableText,
  created_at: Timestamp,
  updated_at: Timestamp,
  version: Schema.Number
})
export type OrganizationRow = typeof OrganizationRow.Type

export const ORGANIZATION_COLUMNS = selectList(OrganizationRow)

export const toOrganization = rowDecoder("organizations", OrganizationRow, Organization, (row) => ({
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
}))

export const MembershipRow = Schema.Struct({
  tenant_id: Text,
  organization_id: Text,
  user_id: Text,
  role: Text,
  active: Schema.Boolean,
  expires_at: NullableTimestamp,
  created_at: Timestamp,
  updated_at: Timestamp
})
export type MembershipRow = typeof MembershipRow.Type

export const MEMBERSHIP_COLUMNS = selectList(MembershipRow)

export const toMembership = rowDecoder("memberships", MembershipRow, Membership, (row) => ({
  tenantId: row.tenant_id,
  organizationId: row.organization_id,
  userId: row.user_id,
  role: row.role,
  active: row.active,
  expiresAt: row.expires_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at
}))

export const GroupRow = Schema.Struct({
  tenant_id: Text,
  id: Text,
  name: Text,
  description: NullableText,
  created_at: Timestamp,
  updated_at: Timestamp
})
export type GroupRow = typeof GroupRow.Type

export const toGroup = rowDecoder("groups", GroupRow, Group, (row) => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  description: row.description,
  createdAt: row.created_at,
  updatedAt: row.updated_at
}))

export const DepartmentRow = GroupRow.mapFields(({ description: _, ...fields }) => fields)
export type DepartmentRow = typeof DepartmentRow.Type

export const toDepartment = rowDecoder("departments", DepartmentRow, Department, (row) => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  createdAt: row.created_at,
  updatedAt: row.updated_at
}))

export const AuditRow = Schema.Struct({
  tenant_id: Text,
  id: Text,
  at: Timestamp,
  actor_kind: AuditActorKind,
  actor_id: NullableText,
  action: Text,
  target_type: NullableText,
  target_id: NullableText,
  details: AuditEvent.fields.details
})
export type AuditRow = typeof AuditRow.Type

export const AUDIT_COLUMNS = selectList(AuditRow)

export const toAuditEvent = rowDecoder("audit_events", AuditRow, AuditEvent, (row) => ({
  id: row.id,
  tenantId: row.tenant_id,
  at: row.at,
  actorKind: row.actor_kind,
  actorId: row.actor_id,
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  details: row.details
}))

export const SessionRow = Schema.Struct({
  tenant_id: Text,
  id: Text,
  user_id: Text,
  secret_hash: Text,
  scope: Schema.Literals(["full", "password_change", "mfa_enrollment"]),
  created_at: Timestamp,
  last_seen_at: Timestamp,
  expires_at: Timestamp,
  revoked_at: NullableTimestamp
})
export type SessionRow = typeof SessionRow.Type

export const SESSION_COLUMNS = selectList(SessionRow)

/** The domain's `Session` (a port's interface, without a Schema of its own) as a Schema. */
const SessionSchema: Schema.Codec<
  Session,
  Omit<Session, "id" | "tenantId" | "userId"> & {
    readonly id: string
    readonly tenantId: string
    readonly userId: string
  }
> = Schema.Struct({
  id: SessionId,
  tenantId: TenantId,
  userId: UserId,
  secretHash: Schema.String,
  scope: SessionRow.fields.scope,
  createdAt: Schema.Date,
  lastSeenAt: Schema.Date,
  expiresAt: Schema.Date,
  revokedAt: Schema.NullOr(Schema.Date)
})

export const toSession = rowDecoder("sessions", SessionRow, SessionSchema, (row) => ({
  id: row.id,
  tenantId: row.tenant_id,
  userId: row.user_id,
  secretHash: row.secret_hash,
  scope: row.scope,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at
}))

/** The first row of a lookup by key, mapped to its domain object; none when no row came back. */
export const firstRow =
  <Row, A>(to: (row: Row) => A) =>
  (rows: ReadonlyArray<Row>): Option.Option<A> =>
    Option.map(Option.fromNullishOr(rows[0]), to)
