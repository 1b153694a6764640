import { Schema } from "effect"

// Token errors carry nothing of the token. A wrong secret, a revoked (replaced) invitation and a user who is
// no longer pending all read as `TokenInvalid`, exactly like an unknown token.

/** The setup token is unknown, malformed, replaced by a newer one, or not for a pending user (404). */
export class TokenInvalid extends Schema.TaggedError<TokenInvalid>()("TokenInvalid", {}) {}

/** The setup token was already used (410). */
export class TokenUsed extends Schema.TaggedError<TokenUsed>()("TokenUsed", {}) {}

/** The setup token's lifetime is over (410): an admin can send a new link. */
export class TokenExpired extends Schema.TaggedError<TokenExpired>()("TokenExpired", {}) {}

/** Setup links exist only for users who have not completed setup yet. */
export class UserNotPending extends Schema.TaggedError<UserNotPending>()("UserNotPending", {
  userId: Schema.String,
  status: Schema.String
}) {}
