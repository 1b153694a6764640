import { Schema } from "effect"

/**
 * The presented session token does not authenticate anyone: `malformed` (not `<id>.<secret>`), `unknown` (no
 * such session, or the secret does not match), `revoked` (logged out or ended), `expired` (inactivity or
 * absolute lifetime passed), `account_inactive` (the user is no longer active). Clients get one 401 for all.
 */
export class SessionInvalid extends Schema.TaggedError<SessionInvalid>()("SessionInvalid", {
  reason: Schema.Literals(["malformed", "unknown", "revoked", "expired", "account_inactive"])
}) {}

/** No live session with this id for this user (or it belongs to another user or tenant). */
export class SessionNotFound extends Schema.TaggedError<SessionNotFound>()("SessionNotFound", {
  sessionId: Schema.String
}) {}
