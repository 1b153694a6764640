import { Effect } from "effect"
import type { TenantId, UserId } from "../../model/ids.ts"
import { now } from "../../model/newId.ts"
import { SessionRepository } from "../../ports/SessionRepository.ts"

/**
 * Ends every session of a user, the caller's own included, and returns how many it ended (sessions past their
 * lifetime but not yet revoked included). No authorization and no audit of its own: it is a step of the use
 * case that calls it (password change or reset, disable, deactivate, delete, MFA changes), inside that use
 * case's transaction, whose audit event should carry the count (ASVS 7.4.1-7.4.3).
 */
export const endAllSessions = (
  tenantId: TenantId,
  userId: UserId
): Effect.Effect<number, never, SessionRepository> =>
  Effect.gen(function* () {
    const at = yield* now
    return yield* (yield* SessionRepository).revokeAllForUser(tenantId, userId, at)
  })
