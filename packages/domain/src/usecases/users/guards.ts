import { Effect, Option } from "effect"
import { Forbidden, RoleEscalation } from "../../errors/authorization.ts"
import { LastAdmin } from "../../errors/conflicts.ts"
import { UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { TenantId, UserId } from "../../model/ids.ts"
import type { Role } from "../../model/role.ts"
import type { User, UserStatus } from "../../model/user.ts"
import type { ActorDirectory } from "../../ports/ActorDirectory.ts"
import type { AuditLog } from "../../ports/AuditLog.ts"
import type { ExternalCredentialRepository } from "../../ports/ExternalCredentialRepository.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import type { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import type { RoleRepository } from "../../ports/RoleRepository.ts"
import type { SecureRandom } from "../../ports/SecureRandom.ts"
import type { SessionRepository } from "../../ports/SessionRepository.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import type { Transactor } from "../../ports/Transactor.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { adminRoles, missingForGrant, TENANT_ADMIN_PERMISSION } from "../../rules/permissions.ts"
import { guardLastOrganizationAdmin } from "../memberships/memberAccess.ts"
import { type ActorContext, authenticate } from "../shared/ActorContext.ts"
import type { ChangeEventServices } from "../shared/changeEvents.ts"

/** What `authenticate` reads, and the repositories the use cases built on it read next. */
export type ActorServices =
  | ActorDirectory
  | TenantRepository
  | UserRepository
  | RoleRepository
  | MembershipRepository

/** What a read of one user needs (the actor, the user, their memberships and organizations). */
export type ReadServices = ActorServices | OrganizationRepository | ExternalCredentialRepository | Transactor

/** What a mutation with its audit event needs. */
export type WriteServices = ReadServices | AuditLog | SecureRandom | ChangeEventServices

/** What a mutation that ends the target's sessions needs (disable, deactivate, delete, password reset). */
export type SessionEndingServices = WriteServices | SessionRepository

/**
 * Takes the tenant's lock, then resolves the actor: every read of a use case that guards the last admin
 * (rule 5) happens after the lock, so two concurrent demotions cannot both see two admins, and the actor's
 * own permissions are read after any concurrent change to them has committed (rule 7).
 */
export const authenticateLocked = Effect.fnUntraced(function* (
  actor: Actor
): Effect.fn.Return<ActorContext, Forbidden, ActorServices> {
  if (actor._tag === "User") {
    yield* (yield* TenantRepository)
      .lock(actor.tenantId)
      .pipe(Effect.catchTag("TenantNotFound", () => Effect.fail(new Forbidden({ reason: "Unknown tenant" }))))
  }
  return yield* authenticate(actor)
})

/** The user of the tenant with this id; another tenant's id is `UserNotFound` too (rule 1). */
export const findUser = Effect.fnUntraced(function* (
  tenantId: TenantId,
  userId: UserId
): Effect.fn.Return<User, UserNotFound, UserRepository> {
  const user = yield* (yield* UserRepository).findById(tenantId, userId)
  if (Option.isNone(user)) return yield* new UserNotFound({ userId })
  return user.value
})

/** The tenant roles whose holders administer roles (`users:roles`): the holders rule 5 protects. */
export const tenantAdminRoles = (roles: ReadonlyArray<Role>): ReadonlyArray<Role["name"]> =>
  adminRoles(
    roles.filter((role) => role.scope === "tenant"),
    TENANT_ADMIN_PERMISSION
  )

/**
 * Fails with `LastAdmin` when `target`, an active holder of `users:roles`, would stop being one (another
 * role, another status, or deletion: `next` undefined) and is the only one left. Call it after
 * `authenticateLocked`, inside the same transaction as the write.
 */
export const guardLastAdmin = Effect.fnUntraced(function* (
  roles: ReadonlyArray<Role>,
  target: User,
  next: { readonly role: User["role"]; readonly status: UserStatus } | undefined
): Effect.fn.Return<void, LastAdmin, UserRepository> {
  const admin = tenantAdminRoles(roles)
  if (target.status !== "active" || !admin.includes(target.role)) return
  if (next !== undefined && next.status === "active" && admin.includes(next.role)) return
  const holders = yield* (yield* UserRepository).countActiveWithRole(target.tenantId, admin)
  if (holders <= 1) return yield* new LastAdmin({ scope: "tenant", id: target.tenantId, roles: admin })
})

/**
 * Fails with `RoleEscalation` when `target` holds a tenant permission (from their role or as a direct module
 * permission) that the actor lacks. Acting on such a user (disable, enable, deactivate, restore, delete, change
 * their role, edit their admin-only fields, set their password) would let a lesser admin take power over, or
 * the place of, a greater one: a wetrack "Admin" never touches the "Account Admin". The target's role is read
 * whatever their status, so a disabled greater admin cannot be re-enabled by a lesser one either.
 */
export const guardOutranks = (
  context: ActorContext,
  roles: ReadonlyArray<Role>,
  target: User
): Effect.Effect<void, RoleEscalation> => {
  const role = roles.find((r) => r.scope === "tenant" && r.name === target.role)
  const missing = missingForGrant(context.permissions.tenant, [
    ...(role?.permissions ?? []),
    ...target.modulePermissions
  ])
  return missing.length > 0 ? Effect.fail(new RoleEscalation({ missing })) : Effect.void
}

/**
 * Rule 5 for organizations, seen from the user: fails with `LastAdmin` (scope "organization") when `target`
 * is an organization Admin in effect somewhere and disabling, deactivating or deleting them would leave that
 * organization without an Admin whose membership never expires (see `guardLastOrganizationAdmin`). Call it
 * after `authenticateLocked`, inside the transaction of the write.
 */
export const guardLastOrganizationAdmins = Effect.fnUntraced(function* (context: ActorContext, target: User) {
  const memberships = yield* (yield* MembershipRepository).listByUser(target.tenantId, target.id)
  for (const membership of memberships) {
    // The user leaves every organization at once: each membership is judged as if removed.
    yield* guardLastOrganizationAdmin(context, membership, target, undefined)
  }
})
