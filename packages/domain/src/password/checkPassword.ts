import { Effect, type Redacted } from "effect"
import { PasswordPolicyViolation, type RuleResult } from "../errors/validation.ts"
import type { PasswordBlocklist } from "../ports/PasswordBlocklist.ts"
import type { PasswordPolicy } from "./PasswordPolicy.ts"

/** Words a password must not contain: the email's local part, the person's names, the tenant's name. */
export interface PasswordContext {
  readonly email?: string | undefined
  readonly firstName?: string | undefined
  readonly lastName?: string | undefined
  readonly tenantName?: string | undefined
  /** The account has TOTP enrolled (a policy may then accept a shorter minimum). */
  readonly hasMfa?: boolean | undefined
}

export interface PasswordCheck {
  readonly ok: boolean
  /** Every rule of the policy, each with its own verdict and reason (for live check-marks). */
  readonly results: ReadonlyArray<RuleResult>
}

// PLACEHOLDER until the password-policy work lands: length only.
export const checkPassword = (
  policy: PasswordPolicy,
  password: Redacted.Redacted<string>,
  _context: PasswordContext
): Effect.Effect<PasswordCheck, never, PasswordBlocklist> =>
  Effect.sync(() => {
    const length = [...(password as unknown as { value: string }).value].length
    const passed = length >= policy.minLength
    return {
      ok: passed,
      results: [{ rule: "minLength", passed, message: `At least ${policy.minLength} characters` }]
    }
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
