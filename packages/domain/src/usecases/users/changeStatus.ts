import { Effect } from "effect"
import { CannotDisableSelf, type Forbidden } from "../../errors/authorization.ts"
import { InvalidStatusTransition, type LastAdmin, type VersionConflict } from "../../errors/conflicts.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import type { UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import type { User, UserStatus } from "../../model/user.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { isSelf, loadRoles, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { authenticateLocked, findUser, guardLastAdmin, type WriteServices } from "./guards.ts"
import { type UserDetails, userDetails } from "./userView.ts"

/** One admin action on a user's status: where it may start, where it leads, and its audit action. */
export interface StatusTransition {
  readonly name: "disable" | "enable" | "deactivate" | "restore"
  readonly from: ReadonlyArray<UserStatus>
  readonly to: (user: User) => UserStatus
  readonly action: string
  /** Rule 3: nobody blocks their own login. */
  readonly refuseSelf: boolean
}

export const disableTransition: StatusTransition = {
  name: "disable",
  from: ["active"],
  to: () => "disabled",
  action: "user.disabled",
  refuseSelf: true
}

export const enableTransition: StatusTransition = {
  name: "enable",
  from: ["disabled"],
  to: () => "active",
  action: "user.enabled",
  refuseSelf: false
}

export const deactivateTransition: StatusTransition = {
  name: "deactivate",
  from: ["active", "disabled", "pending"],
  to: () => "deactivated",
  action: "user.deactivated",
  refuseSelf: true
}

/** A restored user who never set a password goes back to pending (setup not completed). */
export const restoreTransition: StatusTransition = {
  name: "restore",
  from: ["deactivated"],
  to: (user) => (user.passwordHash === null ? "pending" : "active"),
  action: "user.restored",
  refuseSelf: false
}

export type ChangeStatusError =
  | Forbidden
  | CannotDisableSelf
  | UserNotFound
  | InvalidStatusTransition
  | LastAdmin
  | VersionConflict
  | StoreUnavailable

/**
 * Moves a user along one status transition. Needs `users:write`; takes the tenant lock first so that taking
 * the last active holder of `users:roles` out of `active` is refused (rule 5) also under concurrency.
 */
export const changeStatus = (
  transition: StatusTransition,
  actor: Actor,
  userId: UserId
): Effect.Effect<UserDetails, ChangeStatusError, WriteServices> =>
  transactional(
    Effect.gen(function* () {
      const context = yield* authenticateLocked(actor)
      yield* requirePermission(context, "users:write")
      if (transition.refuseSelf && isSelf(context, userId)) return yield* new CannotDisableSelf()
      const target = yield* findUser(context.tenant.id, userId)
      const status = transition.to(target)
      if (!transition.from.includes(target.status)) {
        return yield* new InvalidStatusTransition({ from: target.status, to: status })
      }
      const roles = yield* loadRoles(context.tenant.id)
      yield* guardLastAdmin(roles.all, target, { role: target.role, status })
      // sessions: when `status` is not active, end every session of the user here (a later issue).
      const stored = yield* (yield* UserRepository).update(
        { ...target, status, updatedAt: context.now },
        target.version
      )
      yield* auditBy(context, {
        action: transition.action,
        targetType: "user",
        targetId: stored.id,
        details: { from: target.status, to: stored.status }
      })
      return yield* userDetails(stored, context.now, { includeAdminNotes: true })
    })
  )
