import { type ModulePermission, type Permission, presets, type UserStatus } from "@gatehouse/domain"

/**
 * A model of one wetrack tenant's people, their roles, statuses and module permissions, and of what each
 * administrative call must answer. It restates the rules (DESIGN rules 3, 4, 5 and the use cases' JSDoc) in
 * the order the use cases check them, so a typed error tag can be compared, not only success or failure.
 */

export const ROLES = ["Account Admin", "User Admin", "Admin", "General"] as const
export type RoleKey = (typeof ROLES)[number]

const catalogue = new Map(
  presets.wetrack.roles.filter((r) => r.scope === "tenant").map((r) => [r.name, new Set(r.permissions)])
)

/** The permissions of a wetrack tenant role. */
export const rolePermissions = (role: string): ReadonlySet<Permission> => catalogue.get(role) ?? new Set()

/** Roles whose holders administer roles: the holders rule 5 keeps at least one of. */
export const isAdminRole = (role: string): boolean => rolePermissions(role).has("users:roles")

export interface ModelUser {
  readonly role: RoleKey
  readonly modules: ReadonlyArray<ModulePermission>
  readonly status: UserStatus
  readonly exists: boolean
  /** Never finished setup: enabling or restoring them brings them back pending. */
  readonly awaitingSetup: boolean
}

/** The tenant's people by index (a created user is appended; a deleted one stays, `exists: false`). */
export interface Model {
  users: Array<ModelUser>
}

/** What a user could hold: their role's permissions and their module permissions, whatever their status. */
export const latent = (user: Pick<ModelUser, "role" | "modules">): ReadonlySet<Permission> =>
  new Set<Permission>([...rolePermissions(user.role), ...user.modules])

/** What a user holds now: nothing unless they exist and are active. */
export const effective = (user: ModelUser): ReadonlySet<Permission> =>
  user.exists && user.status === "active" ? latent(user) : new Set()

const lacks = (held: ReadonlySet<Permission>, wanted: Iterable<Permission>): boolean =>
  [...wanted].some((p) => !held.has(p))

const activeAdmins = (model: Model): number =>
  model.users.filter((u) => u.exists && u.status === "active" && isAdminRole(u.role)).length

/** A predicted outcome: the error tag, or success with the user list after the call. */
export type Outcome = { readonly error: string } | { readonly users: Array<ModelUser> }

const fail = (error: string): Outcome => ({ error })

const replace = (model: Model, index: number, user: ModelUser): Outcome => ({
  users: model.users.map((u, i) => (i === index ? user : u))
})

// The steps every call shares, in the use cases' order: an active actor, the permission, not oneself, an
// existing target, and an actor who holds everything the target holds (a lesser admin never acts on a greater).
const common = (
  model: Model,
  actor: number,
  target: number,
  permission: Permission,
  selfError: string | undefined
): string | undefined => {
  const by = model.users[actor]!
  const held = effective(by)
  if (!by.exists || by.status !== "active") return "Forbidden"
  if (!held.has(permission)) return "Forbidden"
  if (selfError !== undefined && actor === target) return selfError
  const user = model.users[target]!
  if (!user.exists) return "UserNotFound"
  if (lacks(held, latent(user))) return "RoleEscalation"
  return undefined
}

/** `createUser` with a generated password (active) or an invitation (pending). */
export const predictCreate = (
  model: Model,
  actor: number,
  input: {
    readonly role: RoleKey
    readonly modules: ReadonlyArray<ModulePermission>
    readonly invite: boolean
  }
): Outcome => {
  const by = model.users[actor]!
  const held = effective(by)
  if (!by.exists || by.status !== "active") return fail("Forbidden")
  const needed = input.invite && !held.has("users:write") ? "users:invite" : "users:write"
  if (!held.has(needed)) return fail("Forbidden")
  if (lacks(held, latent({ role: input.role, modules: input.modules }))) return fail("RoleEscalation")
  const created: ModelUser = {
    role: input.role,
    modules: [...new Set(input.modules)],
    status: input.invite ? "pending" : "active",
    exists: true,
    awaitingSetup: input.invite
  }
  return { users: [...model.users, created] }
}

/** `changeRole`. */
export const predictChangeRole = (model: Model, actor: number, target: number, role: RoleKey): Outcome => {
  const error = common(model, actor, target, "users:roles", "CannotChangeOwnRole")
  if (error !== undefined) return fail(error)
  if (lacks(effective(model.users[actor]!), rolePermissions(role))) return fail("RoleEscalation")
  const user = model.users[target]!
  if (user.role === role) return { users: model.users }
  if (user.status === "active" && isAdminRole(user.role) && !isAdminRole(role) && activeAdmins(model) <= 1)
    return fail("LastAdmin")
  return replace(model, target, { ...user, role })
}

export const TRANSITIONS = {
  disable: { from: ["active", "pending"], to: () => "disabled", refuseSelf: true },
  enable: {
    from: ["disabled"],
    to: (user: ModelUser) => (user.awaitingSetup ? "pending" : "active"),
    refuseSelf: false
  },
  deactivate: { from: ["active", "disabled", "pending"], to: () => "deactivated", refuseSelf: true },
  restore: {
    from: ["deactivated"],
    to: (user: ModelUser) => (user.awaitingSetup ? "pending" : "active"),
    refuseSelf: false
  }
} as const satisfies Record<
  string,
  {
    readonly from: ReadonlyArray<UserStatus>
    readonly to: (user: ModelUser) => UserStatus
    readonly refuseSelf: boolean
  }
>
export type TransitionName = keyof typeof TRANSITIONS

/** `disableUser`, `enableUser`, `deactivateUser`, `restoreUser`. */
export const predictStatus = (model: Model, name: TransitionName, actor: number, target: number): Outcome => {
  const transition = TRANSITIONS[name]
  const error = common(
    model,
    actor,
    target,
    "users:write",
    transition.refuseSelf ? "CannotDisableSelf" : undefined
  )
  if (error !== undefined) return fail(error)
  const user = model.users[target]!
  if (!(transition.from as ReadonlyArray<UserStatus>).includes(user.status))
    return fail("InvalidStatusTransition")
  const status = transition.to(user)
  if (user.status === "active" && isAdminRole(user.role) && status !== "active" && activeAdmins(model) <= 1)
    return fail("LastAdmin")
  return replace(model, target, { ...user, status })
}

/** `deleteUser`. */
export const predictDelete = (model: Model, actor: number, target: number): Outcome => {
  const error = common(model, actor, target, "users:delete", "CannotDeleteSelf")
  if (error !== undefined) return fail(error)
  const user = model.users[target]!
  if (user.status === "active" && isAdminRole(user.role) && activeAdmins(model) <= 1) return fail("LastAdmin")
  return replace(model, target, { ...user, exists: false })
}

/**
 * `updateUser` setting `modulePermissions` (an admin-only field) at the user's current version; on oneself only
 * a patch that changes nothing passes.
 */
export const predictModules = (
  model: Model,
  actor: number,
  target: number,
  modules: ReadonlyArray<ModulePermission>
): Outcome => {
  const by = model.users[actor]!
  const held = effective(by)
  if (!by.exists || by.status !== "active") return fail("Forbidden")
  if (!held.has("users:write")) return fail("Forbidden")
  const user = model.users[target]!
  if (!user.exists) return fail("UserNotFound")
  if (lacks(held, latent(user))) return fail("RoleEscalation")
  const added = modules.filter((p) => !user.modules.includes(p))
  if (lacks(held, added)) return fail("RoleEscalation")
  const next = [...new Set(modules)]
  const same = next.length === user.modules.length && next.every((p) => user.modules.includes(p))
  if (same) return { users: model.users }
  // nobody changes their own admin-only fields (issue 12, item 8)
  if (actor === target) return fail("CannotEditOwnAdminFields")
  return replace(model, target, { ...user, modules: next })
}
