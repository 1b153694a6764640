import { Duration, Effect, type Redacted } from "effect"
import type { SessionScope } from "../../model/actor.ts"
import type { TenantId, UserId } from "../../model/ids.ts"
import { type Session, SessionRepository } from "../../ports/SessionRepository.ts"
import { SessionSettings } from "./SessionSettings.ts"
import { newSessionToken } from "./token.ts"

export interface IssuedSession {
  /** `<id>.<secret>`, shown to the client once. */
  readonly token: Redacted.Redacted<string>
  readonly session: Session
}

/**
 * Stores a brand-new session (never a reused one, ASVS 7.2.4) in the caller's transaction and returns its
 * token. The absolute lifetime counts from `at`.
 */
export const issueSession = Effect.fnUntraced(function* (input: {
  readonly tenantId: TenantId
  readonly userId: UserId
  readonly scope: SessionScope
  readonly at: Date
}) {
  const lifetimes = yield* SessionSettings
  const minted = yield* newSessionToken
  const session: Session = {
    id: minted.id,
    tenantId: input.tenantId,
    userId: input.userId,
    secretHash: minted.secretHash,
    scope: input.scope,
    createdAt: input.at,
    lastSeenAt: input.at,
    expiresAt: new Date(input.at.getTime() + Duration.toMillis(lifetimes.absolute)),
    revokedAt: null
  }
  yield* (yield* SessionRepository).insert(session)
  return { token: minted.token, session } satisfies IssuedSession
})
