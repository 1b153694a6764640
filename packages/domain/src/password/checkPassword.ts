import { Effect, Redacted } from "effect"
import { PasswordPolicyViolation, type RuleResult } from "../errors/validation.ts"
import { PasswordBlocklist } from "../ports/PasswordBlocklist.ts"
import type { PasswordPolicy } from "./PasswordPolicy.ts"
import { evaluateRules, type PasswordContext } from "./rules.ts"

export type { PasswordContext } from "./rules.ts"

export interface PasswordCheck {
  readonly ok: boolean
  /** Every rule of the policy, each with its own verdict and reason (for live check-marks). */
  readonly results: ReadonlyArray<RuleResult>
}

/**
 * Evaluates every rule of the policy separately (never stopping at the first failure): minLength (the MFA
 * minimum when `context.hasMfa` and the policy sets one), maxLength, the enabled character classes, notCommon
 * (the `PasswordBlocklist`) and noContextWords. Length is counted in code points; nothing is trimmed.
 */
export const checkPassword = (
  policy: PasswordPolicy,
  password: Redacted.Redacted<string>,
  context: PasswordContext
): Effect.Effect<PasswordCheck, never, PasswordBlocklist> =>
  Effect.gen(function* () {
    const value = Redacted.value(password)
    const blocked = yield* (yield* PasswordBlocklist).isBlocked(value)
    const results = evaluateRules(policy, value, context, { blocked })
    return { ok: results.every((r) => r.passed), results }
  })

/** Fails with `PasswordPolicyViolation`, listing the failing rules, unless the password passes the policy. */
export const enforcePassword = (
  policy: PasswordPolicy,
  password: Redacted.Redacted<string>,
  context: PasswordContext
): Effect.Effect<void, PasswordPolicyViolation, PasswordBlocklist> =>
  Effect.flatMap(checkPassword(policy, password, context), (check) =>
    check.ok
      ? Effect.void
      : Effect.fail(new PasswordPolicyViolation({ failures: check.results.filter((r) => !r.passed) }))
  )
