import { Effect } from "effect"
import type { Email } from "../../model/email.ts"
import type { TenantId, UserId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import type { RoleName } from "../../model/role.ts"
import type { User } from "../../model/user.ts"
import type { SecureRandom } from "../../ports/SecureRandom.ts"

/** What no default fits: who the new user is, and their tenant role. */
export interface NewUserIdentity {
  readonly tenantId: TenantId
  readonly email: Email
  readonly firstName: string
  readonly lastName: string
  readonly role: RoleName
}

/**
 * A new user as first stored, with a fresh id: pending, no password, nothing verified, no TOTP, no profile
 * beyond the name, an employee awaiting setup, created and updated `at`, version 1. Callers spread what differs over it (an imported
 * profile, a typed password, a first admin's credential).
 */
export const newPendingUser = (
  identity: NewUserIdentity,
  at: Date
): Effect.Effect<User, never, SecureRandom> =>
  Effect.map(
    newId<UserId>(),
    (id): User => ({
      id,
      tenantId: identity.tenantId,
      email: identity.email,
      firstName: identity.firstName,
      lastName: identity.lastName,
      displayName: null,
      phone: null,
      language: null,
      adminNotes: null,
      role: identity.role,
      modulePermissions: [],
      departmentId: null,
      groupIds: [],
      status: "pending",
      kind: "employee",
      awaitingSetup: true,
      emailVerified: false,
      phoneVerified: false,
      mustChangePassword: false,
      requireTotp: false,
      totpEnabled: false,
      passwordHash: null,
      lastLoginAt: null,
      createdAt: at,
      updatedAt: at,
      version: 1
    })
  )
