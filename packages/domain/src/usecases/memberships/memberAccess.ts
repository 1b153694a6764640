import { Effect, Option } from "effect"
import { IndividualAccount, LastAdmin } from "../../errors/conflicts.ts"
import { OrganizationNotFound } from "../../errors/notFound.ts"
import type { OrganizationId } from "../../model/ids.ts"
import { isInEffect, type Membership } from "../../model/membership.ts"
import type { Organization } from "../../model/organization.ts"
import type { Permission } from "../../model/permission.ts"
import type { User } from "../../model/user.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { adminRoles, holds, ORGANIZATION_ADMIN_PERMISSION } from "../../rules/permissions.ts"
import { type ActorContext, rolesOf } from "../shared/ActorContext.ts"

/** A member as a tenant admin sees them: every field but the password hash and the admin notes. */
export type StaffViewOfUser = Omit<User, "passwordHash" | "adminNotes">

/**
 * A member as an organization's own Admin sees them: who they are, nothing of their tenant account (role,
 * status, phone, last login, TOTP state, module permissions stay with the tenant's admins).
 */
export type MembershipViewOfUser = Pick<User, "id" | "email" | "firstName" | "lastName" | "displayName">

export type MemberUser = StaffViewOfUser | MembershipViewOfUser

/** `full`: a tenant admin's view; `membership`: an organization Admin's. */
export type MemberView = "full" | "membership"

export function toMemberUser(user: User, view?: "full"): StaffViewOfUser
export function toMemberUser(user: User, view: MemberView): MemberUser
export function toMemberUser(user: User, view: MemberView = "full"): MemberUser {
  if (view === "membership") {
    const { id, email, firstName, lastName, displayName } = user
    return { id, email, firstName, lastName, displayName }
  }
  const { passwordHash: _hash, adminNotes: _notes, ...visible } = user
  return visible
}

/** The view of members an actor gets: the full one only with `users:read` tenant-wide (they can read it anyway). */
export const memberViewOf = (context: ActorContext): MemberView =>
  holds(context.permissions, "users:read") ? "full" : "membership"

/** Everything the actor holds inside one organization: tenant-wide grants plus that organization's own. */
export const heldIn = (context: ActorContext, organizationId: OrganizationId): ReadonlySet<Permission> =>
  new Set([...context.permissions.tenant, ...(context.permissions.organizations.get(organizationId) ?? [])])

/** The organization of the actor's tenant, or `OrganizationNotFound` (also for an id of another tenant). */
export const findOrganization = Effect.fnUntraced(function* (
  context: ActorContext,
  organizationId: OrganizationId
) {
  const found = yield* (yield* OrganizationRepository).findById(context.tenant.id, organizationId)
  if (Option.isNone(found)) return yield* new OrganizationNotFound({ organizationId })
  return found.value
})

/**
 * An individual (non-business) account has no member management of its own (001): only a tenant admin
 * (`members:manage` tenant-wide) adds, changes or removes its members; anyone else, its own Admin included, gets
 * `IndividualAccount`. Checked once the organization is found and before anything about the member, so the
 * answer does not depend on who the member is (it comes before `UserNotAddable`, `AlreadyMember` ...).
 */
export const requireMemberManagement = (
  context: ActorContext,
  organization: Organization
): Effect.Effect<void, IndividualAccount> =>
  organization.kind === "individual" && !holds(context.permissions, "members:manage")
    ? Effect.fail(new IndividualAccount({ organizationId: organization.id }))
    : Effect.void

// An instant after every expiry: a membership in effect then is one that never expires.
const END_OF_TIME = new Date(8_640_000_000_000_000)

/**
 * Rule 5 for organizations: an organization keeps an Admin (a membership whose role holds `members:manage`,
 * of an active user) in effect, now and later. A change that takes an Admin in effect away (demote, disable,
 * remove) or lets it lapse (a new or earlier expiry) needs another Admin whose membership never expires;
 * counting only those, and not everyone in effect now, keeps two expiring Admins from leaving the organization
 * without one when both lapse. Extending an Admin's expiry is always fine. `next` is the membership after the
 * change, or undefined when it is removed. The caller has taken the tenant lock first, so concurrent changes
 * cannot both pass. Fails with `LastAdmin`.
 */
export const guardLastOrganizationAdmin = Effect.fnUntraced(function* (
  context: ActorContext,
  current: Membership,
  member: User,
  next: Membership | undefined
) {
  const roles = rolesOf(context)
  const adminRoleNames = adminRoles(
    roles.all.filter((r) => r.scope === "organization"),
    ORGANIZATION_ADMIN_PERMISSION
  )
  const isAdmin = (m: Membership) => member.status === "active" && adminRoleNames.includes(m.role)
  if (!isAdmin(current) || !isInEffect(current, context.now)) return
  const keepsAdmin =
    next !== undefined &&
    isAdmin(next) &&
    next.active &&
    (next.expiresAt === null ||
      (current.expiresAt !== null && next.expiresAt.getTime() >= current.expiresAt.getTime()))
  if (keepsAdmin) return
  const permanent = yield* (yield* MembershipRepository).countInEffect(
    context.tenant.id,
    current.organizationId,
    adminRoleNames,
    END_OF_TIME
  )
  const others = permanent - (isInEffect(current, END_OF_TIME) ? 1 : 0)
  if (others < 1) {
    return yield* new LastAdmin({
      scope: "organization",
      id: current.organizationId,
      roles: adminRoleNames
    })
  }
})
