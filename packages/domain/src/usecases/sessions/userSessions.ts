import { Effect, Option } from "effect"
import { UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import { SessionRepository } from "../../ports/SessionRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import {
  type ActorContext,
  authenticate,
  isSelf,
  requirePermission,
  rolesOf
} from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { guardOutranks } from "../users/guards.ts"
import { endAllSessions } from "./endAllSessions.ts"
import { isLive, type SessionInfo, toSessionInfo } from "./lifetime.ts"
import { SessionSettings } from "./SessionSettings.ts"

/** An admin (users:write) acting on a user of their own tenant; another tenant's user is `UserNotFound`. */
const adminOver = Effect.fnUntraced(function* (actor: Actor, userId: UserId) {
  const context: ActorContext = yield* authenticate(actor)
  yield* requirePermission(context, "users:write")
  const user = yield* (yield* UserRepository).findById(context.tenant.id, userId)
  if (Option.isNone(user)) return yield* new UserNotFound({ userId })
  return { context, user: user.value }
})

/** A user's live sessions, for an admin (users:write) of the same tenant. */
export const listUserSessions = Effect.fn("listUserSessions")(function* (actor: Actor, userId: UserId) {
  return yield* transactional(
    Effect.gen(function* () {
      const { context, user } = yield* adminOver(actor, userId)
      const lifetimes = yield* SessionSettings
      const sessions = yield* (yield* SessionRepository).listByUser(context.tenant.id, user.id)
      const live: ReadonlyArray<SessionInfo> = sessions
        .filter((s) => isLive(s, context.now, lifetimes))
        .map(toSessionInfo)
      return live
    })
  )
})

/**
 * Ends every session of a user of the admin's tenant (users:write); returns how many it ended. Like disable
 * and reset, never of a user who holds a permission the actor lacks (`RoleEscalation`): a lesser admin does not
 * sign a greater one out.
 */
export const revokeUserSessions = Effect.fn("revokeUserSessions")(function* (actor: Actor, userId: UserId) {
  return yield* transactional(
    Effect.gen(function* () {
      const { context, user } = yield* adminOver(actor, userId)
      if (!isSelf(context, user.id)) yield* guardOutranks(context, rolesOf(context).all, user)
      const count = yield* endAllSessions(context.tenant.id, user.id)
      yield* auditBy(context, {
        action: "session.revoked_all",
        targetType: "user",
        targetId: user.id,
        details: { count }
      })
      return count
    })
  )
})
