import { Duration } from "effect"
import type { Session } from "../../ports/SessionRepository.ts"
import type { SessionLifetimes } from "./SessionSettings.ts"

/** What a client may see of a session: everything but the hash of its secret. */
export type SessionInfo = Omit<Session, "secretHash">

export const toSessionInfo = ({ secretHash: _, ...info }: Session): SessionInfo => info

/** Why a session is not usable at `at`, or undefined when it is. */
export const sessionEndReason = (
  session: Session,
  at: Date,
  lifetimes: SessionLifetimes
): "revoked" | "expired" | undefined => {
  if (session.revokedAt !== null) return "revoked"
  if (at.getTime() >= session.expiresAt.getTime()) return "expired"
  const idleUntil = session.lastSeenAt.getTime() + Duration.toMillis(lifetimes.inactivity)
  return at.getTime() >= idleUntil ? "expired" : undefined
}

export const isLive = (session: Session, at: Date, lifetimes: SessionLifetimes): boolean =>
  sessionEndReason(session, at, lifetimes) === undefined
