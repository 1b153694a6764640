import { Schema } from "effect"
import { Email } from "./email.ts"
import { DepartmentId, GroupId, TenantId, UserId } from "./ids.ts"
import { Language } from "./language.ts"
import { ModulePermission } from "./permission.ts"
import { PhoneNumber } from "./phone.ts"
import { RoleName } from "./role.ts"
import { isFreeText, isSingleLineText } from "./text.ts"

/**
 * pending (setup not completed, shown as NEW) -> active <-> disabled; pending <-> disabled too (an admin may
 * disable, or create inactive, a user who has not finished setup: enabling returns them to pending);
 * pending | active | disabled -> deactivated (soft delete, restorable). Only active users can log in, and only
 * pending users can use a setup link.
 */
export const UserStatus = Schema.Literals(["pending", "active", "disabled", "deactivated"])
export type UserStatus = typeof UserStatus.Type

/** 002's tabs: the organization's own staff ("Employees") or people from outside it ("External Users"). */
export const UserKind = Schema.Literals(["employee", "external"])
export type UserKind = typeof UserKind.Type

/** A first, last or display name: trimmed, 1 to 100 characters, one line without control characters. */
export const PersonName = Schema.String.check(
  Schema.isTrimmed(),
  Schema.isBetweenLength(1, 100),
  isSingleLineText()
)
/** Notes for admins: up to 4000 characters; tabs and line breaks allowed, other control characters not. */
export const AdminNotes = Schema.String.check(Schema.isMaxLength(4000), isFreeText())

export const User = Schema.Struct({
  id: UserId,
  tenantId: TenantId,
  /** The login; normalised, unique per tenant, immutable. */
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  displayName: Schema.NullOr(PersonName),
  phone: Schema.NullOr(PhoneNumber),
  language: Schema.NullOr(Language),
  /** Visible to admins only. */
  adminNotes: Schema.NullOr(AdminNotes),
  role: RoleName,
  modulePermissions: Schema.Array(ModulePermission),
  departmentId: Schema.NullOr(DepartmentId),
  groupIds: Schema.Array(GroupId),
  status: UserStatus,
  /** Employee (the default) or external user; an admin's classification, it grants nothing. */
  kind: UserKind,
  /**
   * True from a creation by invitation until setup completes, and kept while the user is disabled or
   * deactivated: enabling or restoring them returns them to `pending` (their setup link works again) rather
   * than `active`. Always true when pending and false when active.
   */
  awaitingSetup: Schema.Boolean,
  emailVerified: Schema.Boolean,
  phoneVerified: Schema.Boolean,
  /** The next login gives a `password_change` session only. */
  mustChangePassword: Schema.Boolean,
  /** Set by an admin (the 2FA toggle); a role may require TOTP too. */
  requireTotp: Schema.Boolean,
  totpEnabled: Schema.Boolean,
  /** The PHC string of the password hash; null while the user has no password. Never leaves the domain. */
  passwordHash: Schema.NullOr(Schema.String),
  lastLoginAt: Schema.NullOr(Schema.Date),
  createdAt: Schema.Date,
  updatedAt: Schema.Date,
  /** Incremented by every update (optimistic concurrency). */
  version: Schema.Int
})
export type User = typeof User.Type

/** How people are shown and sorted: "First Last". */
export const fullName = (user: Pick<User, "firstName" | "lastName">): string =>
  `${user.firstName} ${user.lastName}`
