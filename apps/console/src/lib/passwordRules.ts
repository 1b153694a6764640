import {
  applicableMinLength,
  evaluateRules,
  type PasswordContext,
  type PasswordPolicy
} from "@gatehouse/domain"

export type { PasswordContext } from "@gatehouse/domain"

/** One check-mark: the domain's rule name, its verdict, and the count a message needs. */
export interface RuleCheck {
  readonly rule: string
  readonly passed: boolean
  readonly count?: number
}

/**
 * The policy's rules evaluated in the browser by the domain's own `evaluateRules` (the server stays the
 * authority). The common-password rule needs the server's list: it is checked on save (422 PASSWORD_POLICY
 * names it), so it is left out here; the maximum shows only once exceeded.
 */
export const passwordChecks = (
  policy: PasswordPolicy,
  password: string,
  context: PasswordContext
): ReadonlyArray<RuleCheck> =>
  evaluateRules(policy, password, context, { blocked: false })
    .filter((result) => result.rule !== "notCommon" && (result.rule !== "maxLength" || !result.passed))
    .map((result) => {
      const count =
        result.rule === "minLength"
          ? applicableMinLength(policy, context)
          : result.rule === "maxLength"
            ? policy.maxLength
            : undefined
      return count === undefined
        ? { rule: result.rule, passed: result.passed }
        : { rule: result.rule, passed: result.passed, count }
    })

/** Whether every check-mark is green (Save and Create stay disabled until then). */
export const passwordAccepted = (checks: ReadonlyArray<RuleCheck>): boolean =>
  checks.every((check) => check.passed)

/**
 * The state of a new password being typed: its check-marks on `policy` (none while the policy loads) and
 * whether it may be sent (every rule met and the confirmation equal). The server decides on save.
 */
export const newPasswordState = (
  policy: PasswordPolicy | undefined,
  context: PasswordContext,
  password: string,
  confirmation: string
): { readonly checks: ReadonlyArray<RuleCheck>; readonly ready: boolean } => {
  if (policy === undefined) return { checks: [], ready: false }
  const checks = passwordChecks(policy, password, context)
  return { checks, ready: passwordAccepted(checks) && confirmation === password }
}
