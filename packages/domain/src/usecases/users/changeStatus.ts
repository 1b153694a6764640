import { Effect } from "effect"
import { CannotDisableSelf, type Forbidden, type RoleEscalation } from "../../errors/authorization.ts"
import { InvalidStatusTransition, type LastAdmin, type VersionConflict } from "../../errors/conflicts.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import type { UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import type { User, UserStatus } from "../../model/user.ts"
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
import { type UserDetails, userDetails } from "./userView.ts"

/** One admin action on a user's status: where it may start, where it leads, and its audit action. */
export interface StatusTransition {
  readonly name: "disable" | "enable" | "deactivate" | "restore"
  readonly from: ReadonlyArray<UserStatus>
  readonly to: (user: User) => UserStatus
  readonly action: string
  /** Rule 3: nobody blocks their own login. */
  readonly refuseSelf: boolean
  /**
   * The transition blocks login: the user's sessions end (ASVS 7.4.2) and, being no longer active, they stop
   * counting as an Admin of their organizations (rule 5).
   */
  readonly blocksLogin: boolean
}

/** Also a user who has not finished setup: their setup link stops working until they are enabled. */
export const disableTransition: StatusTransition = {
  name: "disable",
  from: ["active", "pending"],
  to: () => "disabled",
  action: "user.disabled",
  refuseSelf: true,
  blocksLogin: true
}

/** Where a user who is let back in returns: to setup when they never finished it, else to active. */
const backFromBlocked = (user: User): UserStatus => (user.awaitingSetup ? "pending" : "active")

/** A user disabled before finishing setup returns to pending, their setup link working again. */
export const enableTransition: StatusTransition = {
  name: "enable",
  from: ["disabled"],
  to: backFromBlocked,
  action: "user.enabled",
  refuseSelf: false,
  blocksLogin: false
}

export const deactivateTransition: StatusTransition = {
  name: "deactivate",
  from: ["active", "disabled", "pending"],
  to: () => "deactivated",
  action: "user.deactivated",
  refuseSelf: true,
  blocksLogin: true
}

/** A restored user who never finished setup goes back to pending. */
export const restoreTransition: StatusTransition = {
  name: "restore",
  from: ["deactivated"],
  to: backFromBlocked,
  action: "user.restored",
  refuseSelf: false,
  blocksLogin: false
}

export type ChangeStatusError =
  | Forbidden
  | CannotDisableSelf
  | UserNotFound
  | RoleEscalation
  | InvalidStatusTransition
  | LastAdmin
  | VersionConflict
  | StoreUnavailable

/**
 * Moves a user along one status transition. Needs `users:write` and every permission the target holds
 * (`RoleEscalation`); takes the tenant lock first so that taking the last active holder of `users:roles`, or
 * the last permanent Admin of an organization, out of `active` is refused (rule 5, `LastAdmin`) also under
 * concurrency. Disabling and deactivating end every session of the user in the same transaction (ASVS
 * 7.4.2); the audit event carries how many (`sessionsEnded`).
 */
export const changeStatus = (
  transition: StatusTransition,
  actor: Actor,
  userId: UserId
): Effect.Effect<UserDetails, ChangeStatusError, SessionEndingServices> =>
  transactional(
    Effect.gen(function* () {
      const context = yield* authenticateLocked(actor)
      yield* requirePermission(context, "users:write")
      if (transition.refuseSelf && isSelf(context, userId)) return yield* new CannotDisableSelf()
      const target = yield* findUser(context.tenant.id, userId)
      const roles = rolesOf(context)
      yield* guardOutranks(context, roles.all, target)
      const status = transition.to(target)
      if (!transition.from.includes(target.status)) {
        return yield* new InvalidStatusTransition({ from: target.status, to: status })
      }
      yield* guardLastAdmin(roles.all, target, { role: target.role, status })
      const { blocksLogin } = transition
      if (blocksLogin) yield* guardLastOrganizationAdmins(context, target)
      const stored = yield* (yield* UserRepository).update(
        { ...target, status, updatedAt: context.now },
        target.version
      )
      // A user who may not log in keeps no session either (ASVS 7.4.2).
      const sessionsEnded = blocksLogin ? yield* endAllSessions(context.tenant.id, target.id) : 0
      yield* auditBy(context, {
        action: transition.action,
        targetType: "user",
        targetId: stored.id,
        details: { from: target.status, to: stored.status, ...(blocksLogin ? { sessionsEnded } : {}) }
      })
      return yield* userDetails(stored, context.now, { includeAdminNotes: true })
    })
  )
