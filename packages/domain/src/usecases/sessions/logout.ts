import { Effect, Option, type Redacted } from "effect"
import { now } from "../../model/newId.ts"
import { SessionRepository } from "../../ports/SessionRepository.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { parseSessionToken, secretMatches } from "./token.ts"

/**
 * Ends the session of the presented token, whatever its scope (a restricted session may always log out).
 * Idempotent and silent: an unknown, malformed, expired or already ended token changes nothing. The secret
 * must match, so knowing a session id (listings show them) is not enough to end someone's session.
 */
export const logout = Effect.fn("logout")(function* (token: string | Redacted.Redacted<string>) {
  const parsed = parseSessionToken(token)
  if (Option.isNone(parsed)) return
  yield* transactional(
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const found = yield* sessions.findById(parsed.value.id)
      if (Option.isNone(found)) return
      const session = found.value
      if (!(yield* secretMatches(parsed.value.secret, session.secretHash))) return
      const revoked = yield* sessions.revoke(session.tenantId, session.id, yield* now)
      if (!revoked) return
      yield* audit(
        { tenantId: session.tenantId, actorKind: "user", actorId: session.userId },
        { action: "auth.logout", targetType: "session", targetId: session.id }
      )
    })
  )
})
