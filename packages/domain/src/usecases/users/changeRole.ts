import { Effect } from "effect"
import { CannotChangeOwnRole, type Forbidden, RoleEscalation } from "../../errors/authorization.ts"
import type { LastAdmin, VersionConflict } from "../../errors/conflicts.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import { RoleNotFound, type UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import type { RoleName } from "../../model/role.ts"
import type { InvitationRepository } from "../../ports/InvitationRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { holds, missingForGrant } from "../../rules/permissions.ts"
import { revokeLinksOnGrantChange } from "../invitations/revokeOnGrantChange.ts"
import { isSelf, requirePermission, rolesOf } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { authenticateLocked, findUser, guardLastAdmin, guardOutranks, type WriteServices } from "./guards.ts"
import { type UserDetails, userDetails } from "./userView.ts"

/**
 * `PUT /v1/users/{id}/role`: gives a user another tenant role. Needs `users:roles`; never one's own role
 * (rule 3); never a role with a permission the actor lacks (rule 4), nor a user who holds one now (a lesser
 * admin does not demote a greater one); never the demotion of the last active holder of `users:roles` (rule 5,
 * under the tenant lock). Giving the role the user already has is a no-op. A pending user's open setup links
 * are revoked with the change (a link issued for the old role must not deliver the new one).
 */
export const changeRole = Effect.fn("changeRole")(function* (
  actor: Actor,
  userId: UserId,
  roleName: RoleName
): Effect.fn.Return<
  UserDetails,
  | Forbidden
  | CannotChangeOwnRole
  | UserNotFound
  | RoleNotFound
  | RoleEscalation
  | LastAdmin
  | VersionConflict
  | StoreUnavailable,
  WriteServices | InvitationRepository
> {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticateLocked(actor)
      yield* requirePermission(context, "users:roles")
      if (isSelf(context, userId)) return yield* new CannotChangeOwnRole()
      const target = yield* findUser(context.tenant.id, userId)
      const roles = rolesOf(context)
      const role = roles.tenant(roleName)
      if (role === undefined) return yield* new RoleNotFound({ role: roleName, scope: "tenant" })
      yield* guardOutranks(context, roles.all, target)
      const missing = missingForGrant(context.permissions.tenant, role.permissions)
      if (missing.length > 0) return yield* new RoleEscalation({ missing })
      const includeAdminNotes = holds(context.permissions, "users:write")
      if (target.role === role.name) return yield* userDetails(target, context.now, { includeAdminNotes })

      yield* guardLastAdmin(roles.all, target, { role: role.name, status: target.status })
      const stored = yield* (yield* UserRepository).update(
        { ...target, role: role.name, updatedAt: context.now },
        target.version
      )
      yield* revokeLinksOnGrantChange(context, target, "role_changed")
      yield* auditBy(context, {
        action: "user.role_changed",
        targetType: "user",
        targetId: stored.id,
        details: { from: target.role, to: stored.role }
      })
      return yield* userDetails(stored, context.now, { includeAdminNotes })
    })
  )
})
