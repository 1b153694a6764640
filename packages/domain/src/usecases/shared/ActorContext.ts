import { Effect, Option } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import type { Actor, SessionScope } from "../../model/actor.ts"
import type { TenantId, UserId } from "../../model/ids.ts"
import { now } from "../../model/newId.ts"
import type { Permission } from "../../model/permission.ts"
import type { Role } from "../../model/role.ts"
import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { RoleRepository } from "../../ports/RoleRepository.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { type EffectivePermissions, effectivePermissions, holds, holdsIn } from "../../rules/permissions.ts"

/** The acting user as of now, loaded fresh by every use case (rule 7). */
export interface ActorContext {
  readonly tenant: Tenant
  readonly user: User
  readonly role: Role | undefined
  readonly permissions: EffectivePermissions
  readonly scope: SessionScope
  readonly now: Date
}

const denied = (reason: string) => new Forbidden({ reason })

/** Loads the roles of a tenant once, keyed by scope and name. */
export const loadRoles = Effect.fnUntraced(function* (tenantId: TenantId) {
  const roles = yield* (yield* RoleRepository).list(tenantId)
  return {
    all: roles,
    tenant: (name: string) => roles.find((r) => r.scope === "tenant" && r.name === name),
    organization: (name: string) => roles.find((r) => r.scope === "organization" && r.name === name)
  }
})

/** Effective permissions of any user of the tenant at `at`. */
export const permissionsOf = Effect.fnUntraced(function* (user: User, at: Date) {
  const roles = yield* loadRoles(user.tenantId)
  const memberships = yield* (yield* MembershipRepository).listByUser(user.tenantId, user.id)
  return effectivePermissions({
    user,
    role: roles.tenant(user.role),
    memberships: memberships.map((membership) => ({ membership, role: roles.organization(membership.role) })),
    now: at
  })
})

/**
 * Resolves an actor into who they are now. Fails with `Forbidden` when the actor is the platform, their
 * user is gone or not active, or their session is restricted to a step other than the ones allowed.
 */
export const authenticate = Effect.fnUntraced(function* (
  actor: Actor,
  options: { readonly allowScopes?: ReadonlyArray<SessionScope> } = {}
) {
  if (actor._tag !== "User") return yield* denied("A user session is required")
  const allowed = options.allowScopes ?? ["full"]
  if (!allowed.includes(actor.scope))
    return yield* denied(`A ${actor.scope} session can only complete its step`)
  const tenant = yield* (yield* TenantRepository).findById(actor.tenantId)
  if (Option.isNone(tenant)) return yield* denied("Unknown tenant")
  const user = yield* (yield* UserRepository).findById(actor.tenantId, actor.userId)
  if (Option.isNone(user) || user.value.status !== "active") return yield* denied("The account is not active")
  const at = yield* now
  const roles = yield* loadRoles(actor.tenantId)
  const memberships = yield* (yield* MembershipRepository).listByUser(actor.tenantId, actor.userId)
  const role = roles.tenant(user.value.role)
  const permissions = effectivePermissions({
    user: user.value,
    role,
    memberships: memberships.map((membership) => ({ membership, role: roles.organization(membership.role) })),
    now: at
  })
  return {
    tenant: tenant.value,
    user: user.value,
    role,
    permissions,
    scope: actor.scope,
    now: at
  } satisfies ActorContext
})

/** Fails with `Forbidden` unless the actor holds the permission tenant-wide. */
export const requirePermission = (
  context: ActorContext,
  permission: Permission
): Effect.Effect<void, Forbidden> =>
  holds(context.permissions, permission)
    ? Effect.void
    : Effect.fail(denied(`Missing permission ${permission}`))

/** Fails with `Forbidden` unless the actor holds the permission tenant-wide or inside the organization. */
export const requirePermissionIn = (
  context: ActorContext,
  organizationId: Parameters<typeof holdsIn>[1],
  permission: Permission
): Effect.Effect<void, Forbidden> =>
  holdsIn(context.permissions, organizationId, permission)
    ? Effect.void
    : Effect.fail(denied(`Missing permission ${permission}`))

export const isSelf = (context: ActorContext, userId: UserId): boolean => context.user.id === userId
