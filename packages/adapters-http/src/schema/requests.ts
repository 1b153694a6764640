import {
  AddMemberInput,
  CreateUserInput,
  CursorText,
  DepartmentId,
  type CredentialFeature as DomainCredentialFeature,
  GroupId,
  isSingleLineText,
  ListUsersQuery,
  MemberFilter,
  OrganizationId,
  OrganizationSlug,
  PageLimit,
  PlainPassword,
  RoleName,
  SearchText,
  SessionId,
  TenantSlug,
  UserId,
  UserPatch
} from "@gatehouse/domain"
import { Schema, Struct } from "effect"

// The HTTP shapes of the contract, composed from the domain's own field Schemas (never restated): where the
// contract names a field differently from the use case (`department` for `departmentId`), the route maps it.

const Cursor = CursorText
const Search = SearchText
const FilterText = Schema.String.check(Schema.isMaxLength(200), isSingleLineText())

/** `limit` and `cursor` of every paged list. */
const PageQuery = {
  limit: Schema.optionalKey(PageLimit),
  cursor: Schema.optionalKey(Cursor)
}

/** Path parameters. A malformed id is a 400 VALIDATION: it cannot name anything. */
export const UserParams = Schema.Struct({ id: UserId })
export const SessionParams = Schema.Struct({ sessionId: SessionId })
export const OrganizationParams = Schema.Struct({ orgId: OrganizationId })
export const OrganizationSlugParams = Schema.Struct({ slug: OrganizationSlug })
export const MemberParams = Schema.Struct({ orgId: OrganizationId, userId: UserId })
export const GroupParams = Schema.Struct({ id: GroupId })
export const GroupMemberParams = Schema.Struct({ id: GroupId, userId: UserId })
export const DepartmentParams = Schema.Struct({ id: DepartmentId })
const SystemKey = Schema.String.check(
  Schema.isPattern(/^[a-z][a-z0-9_-]{0,62}$/u, { message: "Expected a system key, e.g. pims" })
)
export const SystemParams = Schema.Struct({ system: SystemKey })
export const UserSystemParams = Schema.Struct({ id: UserId, system: SystemKey })
export const TenantSystemParams = Schema.Struct({ slug: TenantSlug, system: SystemKey })

/** A feature that calls an outside system on the user's behalf (Orders and SROs, the home dashboard). */
export const CredentialFeature: Schema.Codec<DomainCredentialFeature> = Schema.Literals([
  "orders",
  "dashboard"
])

/** `GET /v1/me/external-credentials/{system}/access?feature=`. */
export const CredentialAccessQuery = Schema.Struct({ feature: CredentialFeature })

/** `POST /v1/users`: `department` and `groups` take ids; exactly one of password, generatePassword, invite. */
export const CreateUserBody = Schema.Struct({
  ...Struct.omit(CreateUserInput.fields, ["departmentId", "groupIds", "credential"]),
  department: CreateUserInput.fields.departmentId,
  groups: CreateUserInput.fields.groupIds,
  password: Schema.optionalKey(PlainPassword),
  generatePassword: Schema.optionalKey(Schema.Boolean),
  invite: Schema.optionalKey(Schema.Boolean)
})
export type CreateUserBody = typeof CreateUserBody.Type

/** `PATCH /v1/users/{id}`: the domain's patch, with the contract's `department` and `groups`. */
export const UserPatchBody = Schema.Struct({
  ...Struct.omit(UserPatch.fields, ["departmentId", "groupIds"]),
  department: UserPatch.fields.departmentId,
  groups: UserPatch.fields.groupIds
})
export type UserPatchBody = typeof UserPatchBody.Type

/** `PATCH /v1/me`: only what a user may change on their own profile (rule 2). */
export const MePatchBody = Schema.Struct(
  Struct.pick(UserPatch.fields, ["firstName", "lastName", "displayName", "phone", "language"])
)

export const ChangeRoleBody = Schema.Struct({ role: RoleName })

/** `POST /v1/users/{id}/password`: exactly one of `newPassword` and `generate: true`. */
export const ResetPasswordBody = Schema.Struct({
  newPassword: Schema.optionalKey(PlainPassword),
  generate: Schema.optionalKey(Schema.Boolean)
})

export const CheckPasswordBody = Schema.Struct({ password: PlainPassword })

/** `GET /v1/users`: the contract's `department` and `group` for the use case's ids. */
export const ListUsersParams = Schema.Struct({
  ...Struct.omit(ListUsersQuery.fields, ["departmentId", "groupId"]),
  department: ListUsersQuery.fields.departmentId,
  group: ListUsersQuery.fields.groupId
})

export const ListOrganizationsParams = Schema.Struct({ q: Schema.optionalKey(Search), ...PageQuery })

export const ListMembersParams = Schema.Struct({ ...MemberFilter.fields, ...PageQuery })

/**
 * `GET /v1/memberships`: the contract's `organization` and `user` for the use case's ids; `expiresAfter` and
 * `expiresBefore` (ISO 8601 date-times, both exclusive) bound the expiry ("expiring within N days": now and
 * now + N days).
 */
export const ListMembershipsParams = Schema.Struct({
  organization: Schema.optionalKey(OrganizationId),
  user: Schema.optionalKey(UserId),
  role: Schema.optionalKey(RoleName),
  q: Schema.optionalKey(Search),
  expiresAfter: Schema.optionalKey(Schema.Date),
  expiresBefore: Schema.optionalKey(Schema.Date),
  ...PageQuery
})

/** `GET /v1/audit-events`: `actor` is a user id, `target` any target id, `from`/`before` ISO date-times. */
export const AuditQueryParams = Schema.Struct({
  actor: Schema.optionalKey(UserId),
  target: Schema.optionalKey(FilterText),
  action: Schema.optionalKey(FilterText),
  from: Schema.optionalKey(Schema.Date),
  before: Schema.optionalKey(Schema.Date),
  ...PageQuery
})

/** `POST /v1/organizations/{orgId}/members`, as the domain takes it. */
export const AddMemberBody = AddMemberInput
