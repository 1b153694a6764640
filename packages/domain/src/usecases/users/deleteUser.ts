import { Effect } from "effect"
import { CannotDeleteSelf, type Forbidden, type RoleEscalation } from "../../errors/authorization.ts"
import type { LastAdmin } from "../../errors/conflicts.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import type { UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { endAllSessions } from "../sessions/endAllSessions.ts"
import { isSelf, requirePermission, rolesOf } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import {
  authenticateLocked,
  findUser,
  guardLastAdmin,
  guardLastOrganizationAdmins,
  guardOutranks,
  type SessionEndingServices
} from "./guards.ts"

/**
 * `DELETE /v1/users/{id}`: removes the user for good, with their memberships and group links, and ends their
 * sessions (ASVS 7.4.2). Needs `users:delete` and every permission the target holds (`RoleEscalation`); never
 * oneself (rule 3), never the last active holder of `users:roles` nor an organization's last permanent Admin
 * (rule 5). The audit trail keeps the user's id: past events stay, and `user.deleted` names the id as its
 * target.
 */
export const deleteUser = Effect.fn("deleteUser")(function* (
  actor: Actor,
  userId: UserId
): Effect.fn.Return<
  void,
  Forbidden | CannotDeleteSelf | UserNotFound | RoleEscalation | LastAdmin | StoreUnavailable,
  SessionEndingServices
> {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticateLocked(actor)
      yield* requirePermission(context, "users:delete")
      if (isSelf(context, userId)) return yield* new CannotDeleteSelf()
      const target = yield* findUser(context.tenant.id, userId)
      const roles = rolesOf(context)
      yield* guardOutranks(context, roles.all, target)
      yield* guardLastAdmin(roles.all, target, undefined)
      yield* guardLastOrganizationAdmins(context, target)
      // Counted before the user goes: a store may drop a deleted user's sessions with them.
      const sessionsEnded = yield* endAllSessions(context.tenant.id, target.id)
      yield* (yield* UserRepository).delete(context.tenant.id, target.id)
      // No name or email in the details: a hard delete leaves no personal data behind.
      yield* auditBy(context, {
        action: "user.deleted",
        targetType: "user",
        targetId: target.id,
        details: { role: target.role, status: target.status, sessionsEnded },
        resource: target
      })
    })
  )
})
