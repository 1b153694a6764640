import { Schema } from "effect"

export const RuleResult = Schema.Struct({
  rule: Schema.String,
  passed: Schema.Boolean,
  message: Schema.String
})
export type RuleResult = typeof RuleResult.Type

/** The password breaks one or more rules of the tenant's policy; `failures` explains each. */
export class PasswordPolicyViolation extends Schema.TaggedError<PasswordPolicyViolation>()(
  "PasswordPolicyViolation",
  { failures: Schema.Array(RuleResult) }
) {}

/** Input that is well-typed but not acceptable (e.g. a cursor that does not decode). */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  errors: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String }))
}) {}
