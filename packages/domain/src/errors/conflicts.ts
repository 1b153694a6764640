import { Schema } from "effect"

/** The tenant already has a user with this email (any casing). Reported by the store, never pre-checked. */
export class EmailTaken extends Schema.TaggedError<EmailTaken>()("EmailTaken", {
  email: Schema.String
}) {}

export class SlugTaken extends Schema.TaggedError<SlugTaken>()("SlugTaken", {
  slug: Schema.String
}) {}

/** The tenant already has an organization with this slug. Reported by the store, never pre-checked. */
export class OrganizationSlugTaken extends Schema.TaggedError<OrganizationSlugTaken>()(
  "OrganizationSlugTaken",
  {
    slug: Schema.String
  }
) {}

/** An organization's slug is part of its members' portal address: it is fixed once it has any member. */
export class SlugImmutable extends Schema.TaggedError<SlugImmutable>()("SlugImmutable", {
  organizationId: Schema.String,
  slug: Schema.String
}) {}

/**
 * An individual (non-business) customer account has no member management of its own (001): its members
 * neither add, remove nor change members; a tenant admin still can.
 */
export class IndividualAccount extends Schema.TaggedError<IndividualAccount>()("IndividualAccount", {
  organizationId: Schema.String
}) {}

export class AlreadyMember extends Schema.TaggedError<AlreadyMember>()("AlreadyMember", {
  organizationId: Schema.String,
  userId: Schema.String
}) {}

export class NameTaken extends Schema.TaggedError<NameTaken>()("NameTaken", {
  kind: Schema.Literals(["group", "department", "role", "organization"]),
  name: Schema.String
}) {}

/** The caller's copy is stale: someone else changed the resource since it was read. */
export class VersionConflict extends Schema.TaggedError<VersionConflict>()("VersionConflict", {
  expected: Schema.Int,
  actual: Schema.Int
}) {}

/**
 * The change would leave no active holder of `users:roles` in the tenant, or no active Admin in an organization.
 * `roles` names the admin roles of that scope in the tenant's catalogue (a puqcloud client's "Owner", a
 * wetrack tenant's "Account Admin" and "User Admin"), so the message says which role must be kept.
 */
export class LastAdmin extends Schema.TaggedError<LastAdmin>()("LastAdmin", {
  scope: Schema.Literals(["tenant", "organization"]),
  id: Schema.String,
  roles: Schema.Array(Schema.String)
}) {}

/** The user's status does not allow this transition (e.g. enabling a pending user). */
export class InvalidStatusTransition extends Schema.TaggedError<InvalidStatusTransition>()(
  "InvalidStatusTransition",
  { from: Schema.String, to: Schema.String }
) {}
