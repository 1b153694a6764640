import { Schema } from "effect"

/** The actor lacks the permission, or is not active, or their session is restricted to another step. */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  reason: Schema.String
}) {}

export class CannotChangeOwnRole extends Schema.TaggedError<CannotChangeOwnRole>()(
  "CannotChangeOwnRole",
  {}
) {}

/** Covers disable and deactivate. */
export class CannotDisableSelf extends Schema.TaggedError<CannotDisableSelf>()("CannotDisableSelf", {}) {}

/**
 * An admin's own admin-only fields (verified flags, `requireTotp`, module permissions, department, groups, admin
 * notes) are set by another admin, never by themselves: like their own role (rule 3).
 */
export class CannotEditOwnAdminFields extends Schema.TaggedError<CannotEditOwnAdminFields>()(
  "CannotEditOwnAdminFields",
  { fields: Schema.Array(Schema.String) }
) {}

export class CannotDeleteSelf extends Schema.TaggedError<CannotDeleteSelf>()("CannotDeleteSelf", {}) {}

/** The actor tried to grant a role or permission they do not hold themselves. */
export class RoleEscalation extends Schema.TaggedError<RoleEscalation>()("RoleEscalation", {
  missing: Schema.Array(Schema.String)
}) {}

export class EmailImmutable extends Schema.TaggedError<EmailImmutable>()("EmailImmutable", {}) {}

/**
 * An organization's own Admin tried to add an existing user whose tenant role is not the tenant's member role
 * (tenant staff, an admin): only a tenant admin (`members:manage` tenant-wide) pulls staff into an
 * organization.
 */
export class UserNotAddable extends Schema.TaggedError<UserNotAddable>()("UserNotAddable", {
  /** The tenant role a user must hold to be added by an organization Admin. */
  memberRole: Schema.String
}) {}
