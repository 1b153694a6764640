/**
 * How an account's consecutive failed secret checks (password, TOTP, recovery code, setup token) slow down
 * and finally stop further attempts. Pure: the counter lives in the `FailedAttempts` port.
 */
export interface ThrottlePolicy {
  /** Failures that cost nothing: a person mistyping a few times never waits. */
  readonly freeFailures: number
  /** The wait after the first failure beyond the free ones; each further failure doubles it. */
  readonly baseDelayMs: number
  /** The longest wait between two attempts. */
  readonly maxDelayMs: number
  /** Consecutive failures after which the authenticator is locked until an admin resets the password. */
  readonly lockAfter: number
}

/**
 * No wait for the first 5 failures, then 1 s, 2 s, 4 s ... up to 15 min, and a lock at 100 consecutive
 * failures (NIST SP 800-63B RL-2, ASVS 6.3.1). At the cap an attacker gets about 4 guesses an hour.
 */
export const defaultThrottlePolicy: ThrottlePolicy = {
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  lockAfter: 100
}

/** The wait, in milliseconds, required after the `failures`-th consecutive failure before the next attempt. */
export const delayAfterFailures = (
  failures: number,
  policy: ThrottlePolicy = defaultThrottlePolicy
): number => {
  if (failures < policy.freeFailures) return 0
  // the exponent is capped so the power never overflows to Infinity for huge counts
  const doublings = Math.min(failures - policy.freeFailures, 52)
  return Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs)
}

/** The account has failed too often: no secret is checked for it any more until a reset. */
export const isLocked = (failures: number, policy: ThrottlePolicy = defaultThrottlePolicy): boolean =>
  failures >= policy.lockAfter

/** Whether an attempt may check a secret now. */
export type ThrottleVerdict =
  | { readonly _tag: "Allowed" }
  | { readonly _tag: "Wait"; readonly retryAfterMs: number }
  | { readonly _tag: "Locked" }

/**
 * The verdict for an attempt at `at`, given the account's consecutive failures and the time of the last one.
 * An attempt that must wait is refused without checking anything, so it neither counts nor tells whether the
 * secret was right.
 */
export const throttleVerdict = (
  state: { readonly failures: number; readonly lastFailureAt: Date | null },
  at: Date,
  policy: ThrottlePolicy = defaultThrottlePolicy
): ThrottleVerdict => {
  if (isLocked(state.failures, policy)) return { _tag: "Locked" }
  const delay = delayAfterFailures(state.failures, policy)
  if (delay === 0 || state.lastFailureAt === null) return { _tag: "Allowed" }
  const remaining = state.lastFailureAt.getTime() + delay - at.getTime()
  return remaining > 0 ? { _tag: "Wait", retryAfterMs: remaining } : { _tag: "Allowed" }
}
