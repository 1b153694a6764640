import { Schema } from "effect"

/**
 * A password as the user typed it: never trimmed, never case-folded, wrapped in Redacted so it cannot reach
 * a log or an error body by accident. Length limits belong to the tenant's policy, but nothing longer than
 * 1024 code points is accepted anywhere (hashing cost is bounded).
 */
export const PlainPassword = Schema.RedactedFromValue(
  Schema.String.check(Schema.isMaxCodePoints(1024, { message: "Password is too long" }))
)
export type PlainPassword = typeof PlainPassword.Type
