import type { OrganizationId } from "../model/ids.ts"
import { isInEffect, type Membership } from "../model/membership.ts"
import type { Permission } from "../model/permission.ts"
import type { Role } from "../model/role.ts"
import type { User } from "../model/user.ts"

/** What a user may do at one instant: tenant-wide, and inside each organization they are a member of. */
export interface EffectivePermissions {
  readonly tenant: ReadonlySet<Permission>
  readonly organizations: ReadonlyMap<OrganizationId, ReadonlySet<Permission>>
}

export const noPermissions: EffectivePermissions = { tenant: new Set(), organizations: new Map() }

/**
 * Effective permissions at `now`: the tenant role's permissions plus the user's direct module permissions,
 * and per organization the role of each membership that is active and unexpired, in an organization that is
 * not inactive (`inactiveOrganizations`). A user who is not active holds nothing. Computed from current state on every request (rule 7), never cached in a session.
 */
export const effectivePermissions = (input: {
  readonly user: User
  readonly role: Role | undefined
  readonly memberships: ReadonlyArray<{ readonly membership: Membership; readonly role: Role | undefined }>
  /** Organizations whose status is `inactive`: their memberships grant nothing. */
  readonly inactiveOrganizations: ReadonlySet<OrganizationId>
  readonly now: Date
}): EffectivePermissions => {
  if (input.user.status !== "active") return noPermissions
  const tenant = new Set<Permission>([...(input.role?.permissions ?? []), ...input.user.modulePermissions])
  const organizations = new Map<OrganizationId, ReadonlySet<Permission>>()
  for (const { membership, role } of input.memberships) {
    if (
      role !== undefined &&
      isInEffect(membership, input.now) &&
      !input.inactiveOrganizations.has(membership.organizationId)
    ) {
      organizations.set(membership.organizationId, new Set(role.permissions))
    }
  }
  return { tenant, organizations }
}

export const holds = (permissions: EffectivePermissions, permission: Permission): boolean =>
  permissions.tenant.has(permission)

/** A tenant-wide permission covers every organization; otherwise the organization's own grant counts. */
export const holdsIn = (
  permissions: EffectivePermissions,
  organizationId: OrganizationId,
  permission: Permission
): boolean =>
  permissions.tenant.has(permission) ||
  (permissions.organizations.get(organizationId)?.has(permission) ?? false)

/** The permissions of `wanted` the actor does not hold (rule 4: nobody grants what they do not hold). */
export const missingForGrant = (
  held: ReadonlySet<Permission>,
  wanted: Iterable<Permission>
): ReadonlyArray<Permission> => [...new Set(wanted)].filter((p) => !held.has(p))

/** The permission whose last active holder a tenant must keep (rule 5). */
export const TENANT_ADMIN_PERMISSION: Permission = "users:roles"

/** The permission that makes a membership role an organization Admin (rule 5). */
export const ORGANIZATION_ADMIN_PERMISSION: Permission = "members:manage"

export const adminRoles = (roles: ReadonlyArray<Role>, permission: Permission): ReadonlyArray<Role["name"]> =>
  roles.filter((r) => r.permissions.includes(permission)).map((r) => r.name)
