import { Duration, Effect, Option, type Redacted } from "effect"
import { type Actor, userActor } from "../../model/actor.ts"
import { now } from "../../model/newId.ts"
import { ActorDirectory, type SessionRecord } from "../../ports/ActorDirectory.ts"
import { SessionRepository } from "../../ports/SessionRepository.ts"
import { transactional } from "../shared/transaction.ts"
import { SessionInvalid } from "./errors.ts"
import { sessionEndReason } from "./lifetime.ts"
import { SessionSettings } from "./SessionSettings.ts"
import { type ParsedSessionToken, parseSessionToken, secretMatches } from "./token.ts"

const invalid = (reason: SessionInvalid["reason"]) => Effect.fail(new SessionInvalid({ reason }))

/**
 * Whether a session read by its id authenticates the token's secret now; the `Actor` it authenticates when it
 * does. The secret is checked before anything about the session is revealed; a revoked session, one past
 * either lifetime, or one whose user is no longer active fails with `SessionInvalid`. A usable session is
 * touched, which extends its inactivity lifetime.
 */
export const acceptSession = Effect.fnUntraced(function* (
  secret: ParsedSessionToken["secret"],
  found: Option.Option<SessionRecord>
) {
  if (Option.isNone(found)) return yield* invalid("unknown")
  const { session, userStatus } = found.value
  if (!(yield* secretMatches(secret, session.secretHash))) return yield* invalid("unknown")
  const at = yield* now
  const lifetimes = yield* SessionSettings
  const ended = sessionEndReason(session, at, lifetimes)
  if (ended !== undefined) return yield* invalid(ended)
  if (userStatus !== "active") return yield* invalid("account_inactive")
  if (at.getTime() - session.lastSeenAt.getTime() >= Duration.toMillis(lifetimes.touchInterval)) {
    yield* (yield* SessionRepository).touch(session.tenantId, session.id, at)
  }
  const actor: Actor = userActor(session.tenantId, session.userId, session.scope)
  return actor
})

/**
 * Turns a presented token into the `Actor` it authenticates: the only way an identity enters a use case
 * (never a user id from a request body). See `acceptSession` for what makes a session usable.
 */
export const authenticateSession = Effect.fn("authenticateSession")(function* (
  token: string | Redacted.Redacted<string>
) {
  const parsed = parseSessionToken(token)
  if (Option.isNone(parsed)) return yield* invalid("malformed")
  return yield* transactional(
    Effect.gen(function* () {
      // The session and its user's status in one read (one statement on SQL): every request runs this.
      const found = yield* (yield* ActorDirectory).findSession(parsed.value.id)
      return yield* acceptSession(parsed.value.secret, found)
    })
  )
})
