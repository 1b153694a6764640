import { Effect, Option } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import type { Actor, SessionScope } from "../../model/actor.ts"
import type { OrganizationId, TenantId, UserId } from "../../model/ids.ts"
import type { Membership } from "../../model/membership.ts"
import { now } from "../../model/newId.ts"
import type { Permission } from "../../model/permission.ts"
import type { Role } from "../../model/role.ts"
import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import { ActorDirectory, type ActorRecord } from "../../ports/ActorDirectory.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { RoleRepository } from "../../ports/RoleRepository.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { type EffectivePermissions, effectivePermissions, holds, holdsIn } from "../../rules/permissions.ts"

/** The acting user as of now, loaded fresh by every use case (rule 7). */
export interface ActorContext {
  readonly tenant: Tenant
  readonly user: User
  readonly role: Role | undefined
  /** The tenant's roles, read with the rest (key them with `rolesOf`). */
  readonly roles: ReadonlyArray<Role>
  /** The user's memberships as stored (inactive and expired ones included), read with the rest. */
  readonly memberships: ReadonlyArray<Membership>
  /** The organizations of those memberships that are inactive (their memberships grant nothing). */
  readonly inactiveOrganizations: ReadonlySet<OrganizationId>
  readonly permissions: EffectivePermissions
  readonly scope: SessionScope
  readonly now: Date
}

const denied = (reason: string) => new Forbidden({ reason })

/** A tenant's roles, keyed by scope and name. */
const rolesBy = (roles: ReadonlyArray<Role>) => ({
  all: roles,
  tenant: (name: string) => roles.find((r) => r.scope === "tenant" && r.name === name),
  organization: (name: string) => roles.find((r) => r.scope === "organization" && r.name === name)
})

/** The actor's tenant's roles (read by `authenticate`), keyed by scope and name. */
export const rolesOf = (context: ActorContext) => rolesBy(context.roles)

/** Loads the roles of a tenant once, keyed by scope and name. */
export const loadRoles = Effect.fnUntraced(function* (tenantId: TenantId) {
  return rolesBy(yield* (yield* RoleRepository).list(tenantId))
})

/** The user's tenant role and effective permissions, from roles and memberships already read. */
const resolve = (
  user: User,
  roles: ReturnType<typeof rolesBy>,
  memberships: ReadonlyArray<Membership>,
  inactiveOrganizations: ReadonlySet<OrganizationId>,
  at: Date
) => {
  const role = roles.tenant(user.role)
  const permissions = effectivePermissions({
    user,
    role,
    memberships: memberships.map((membership) => ({ membership, role: roles.organization(membership.role) })),
    inactiveOrganizations,
    now: at
  })
  return { role, permissions }
}

/** Effective permissions of any user of the tenant at `at` (the user as given, stored or not). */
export const permissionsOf = Effect.fnUntraced(function* (user: User, at: Date) {
  const roles = yield* loadRoles(user.tenantId)
  const memberships = yield* (yield* MembershipRepository).listByUser(user.tenantId, user.id)
  const organizations = yield* OrganizationRepository
  const inactive = new Set<OrganizationId>()
  for (const membership of memberships) {
    const organization = yield* organizations.findById(user.tenantId, membership.organizationId)
    if (Option.isSome(organization) && organization.value.status === "inactive")
      inactive.add(organization.value.id)
  }
  return resolve(user, roles, memberships, inactive, at).permissions
})

/** Which session scopes a use case allows (`["full"]` unless it says otherwise). */
export interface AuthenticateOptions {
  readonly allowScopes?: ReadonlyArray<SessionScope>
}

type UserActor = Extract<Actor, { readonly _tag: "User" }>

/** The actor as a user; `Forbidden` when it is the platform or its session's scope is not allowed. */
const allowedUser = (actor: Actor, options: AuthenticateOptions): Effect.Effect<UserActor, Forbidden> => {
  if (actor._tag !== "User") return Effect.fail(denied("A user session is required"))
  const allowed = options.allowScopes ?? ["full"]
  return allowed.includes(actor.scope)
    ? Effect.succeed(actor)
    : Effect.fail(denied(`A ${actor.scope} session can only complete its step`))
}

/**
 * The context of a user actor from its record as `ActorDirectory.load` read it: fails with `Forbidden` when
 * there is none (an unknown tenant or a missing user) or the user is not active.
 */
const contextOfRecord = Effect.fnUntraced(function* (actor: UserActor, record: Option.Option<ActorRecord>) {
  if (Option.isNone(record)) {
    // Only on refusal: tell an unknown tenant from a missing user, as the reason says.
    const tenant = yield* (yield* TenantRepository).findById(actor.tenantId)
    return yield* denied(Option.isNone(tenant) ? "Unknown tenant" : "The account is not active")
  }
  const { tenant, user, roles, memberships } = record.value
  if (user.status !== "active") return yield* denied("The account is not active")
  const at = yield* now
  const inactiveOrganizations = new Set(record.value.inactiveOrganizations)
  const { role, permissions } = resolve(user, rolesBy(roles), memberships, inactiveOrganizations, at)
  return {
    tenant,
    user,
    role,
    roles,
    memberships,
    inactiveOrganizations,
    permissions,
    scope: actor.scope,
    now: at
  } satisfies ActorContext
})

/**
 * Resolves an actor into who they are now. Fails with `Forbidden` when the actor is the platform, their
 * user is gone or not active, or their session is restricted to a step other than the ones allowed.
 */
export const authenticate = Effect.fnUntraced(function* (actor: Actor, options: AuthenticateOptions = {}) {
  const user = yield* allowedUser(actor, options)
  // One read of the store for the tenant, the user, the roles and the memberships.
  const record = yield* (yield* ActorDirectory).load(user.tenantId, user.userId)
  return yield* contextOfRecord(user, record)
})

/**
 * `authenticate` with the actor's record already read (`ActorDirectory.findSessionActor`, read with the
 * session): the same refusals, the same context, no read of the store unless it refuses.
 */
export const authenticateLoaded = Effect.fnUntraced(function* (
  actor: Actor,
  record: Option.Option<ActorRecord>,
  options: AuthenticateOptions = {}
) {
  return yield* contextOfRecord(yield* allowedUser(actor, options), record)
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
