import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { SessionId } from "../../model/ids.ts"
import { SessionRepository } from "../../ports/SessionRepository.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { SessionNotFound } from "./errors.ts"
import { isLive, type SessionInfo, toSessionInfo } from "./lifetime.ts"
import { SessionSettings } from "./SessionSettings.ts"

/** The caller's live sessions (every device they are logged in on), newest first. Needs a full session. */
export const listMySessions = Effect.fn("listMySessions")(function* (actor: Actor) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      const lifetimes = yield* SessionSettings
      const sessions = yield* (yield* SessionRepository).listByUser(context.tenant.id, context.user.id)
      const live: ReadonlyArray<SessionInfo> = sessions
        .filter((s) => isLive(s, context.now, lifetimes))
        .map(toSessionInfo)
      return live
    })
  )
})

/**
 * Ends one of the caller's own sessions (e.g. a lost laptop). Needs a full session; a session of anyone else,
 * or one already ended, is `SessionNotFound`.
 */
export const revokeMySession = Effect.fn("revokeMySession")(function* (actor: Actor, sessionId: SessionId) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      const sessions = yield* SessionRepository
      const found = yield* sessions.findById(sessionId)
      const lifetimes = yield* SessionSettings
      const own =
        found._tag === "Some" &&
        found.value.tenantId === context.tenant.id &&
        found.value.userId === context.user.id &&
        isLive(found.value, context.now, lifetimes)
      if (!own || !(yield* sessions.revoke(context.tenant.id, sessionId, context.now))) {
        return yield* new SessionNotFound({ sessionId })
      }
      yield* auditBy(context, { action: "session.revoked", targetType: "session", targetId: sessionId })
    })
  )
})
