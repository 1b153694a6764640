/**
 * How failed secret checks (password, TOTP, recovery code, setup/reset/verification token, current password)
 * slow down further attempts. Two counters, both kept by the `FailedAttempts` port:
 * - per (account, client address), strictly: a few free failures, then a wait that doubles up to a cap;
 * - per account, loosely: at `lockAfter` consecutive failures from anywhere the account locks for `lockMs`, then
 *   the lock ends by itself (NIST SP 800-63B-4 5.2.2). The lock never applies to a client address the account
 *   signed in from before, so a stranger cannot lock the owner out of their usual place.
 * Pure: the counters live in the port, which applies these rules atomically.
 */
export interface ThrottlePolicy {
  /** Failures from one client address that cost nothing: a person mistyping a few times never waits. */
  readonly freeFailures: number
  /** The wait after the first failure beyond the free ones; each further failure doubles it. */
  readonly baseDelayMs: number
  /** The longest wait between two attempts from one client address. */
  readonly maxDelayMs: number
  /** Consecutive failures of the account (every address together) that lock it for unknown addresses. */
  readonly lockAfter: number
  /** How long an account lock lasts; it ends by itself (an admin's password reset ends it sooner). */
  readonly lockMs: number
  /** How many client addresses of successful sign-ins an account remembers (the most recent ones). */
  readonly knownOrigins: number
}

/**
 * 5 free failures per client address, then 1 s, 2 s, 4 s ... up to 15 min; 100 consecutive failures of the
 * account lock it for unknown addresses for 1 hour (NIST SP 800-63B-4 5.2.2, ASVS 6.1.1, 6.3.1).
 */
export const defaultThrottlePolicy: ThrottlePolicy = {
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  lockAfter: 100,
  lockMs: 60 * 60 * 1000,
  knownOrigins: 10
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

/** Consecutive failures and the time of the last one. */
export interface FailureCount {
  readonly failures: number
  readonly lastFailureAt: Date | null
}

/** The account-wide count and the end of its lock (null when it never locked). */
export interface AccountFailures extends FailureCount {
  readonly lockedUntil: Date | null
}

/** Whether the account lock is in force at `at` (it ends by itself at `lockedUntil`). */
export const isLockedAt = (account: Pick<AccountFailures, "lockedUntil">, at: Date): boolean =>
  account.lockedUntil !== null && account.lockedUntil.getTime() > at.getTime()

/** Whether an attempt may check a secret now. */
export type ThrottleVerdict =
  | { readonly _tag: "Allowed" }
  | { readonly _tag: "Wait"; readonly retryAfterMs: number }
  | { readonly _tag: "Locked"; readonly retryAfterMs: number }

/**
 * The verdict for an attempt at `at` from a client address with `origin` failures, on an account with
 * `account` failures; `known` when the account signed in from that address before (the account lock does not
 * apply to it). A refused attempt checks nothing, so it neither counts nor tells whether the secret was right.
 */
export const throttleVerdict = (
  state: {
    readonly origin: FailureCount
    readonly account: Pick<AccountFailures, "lockedUntil">
    readonly known: boolean
  },
  at: Date,
  policy: ThrottlePolicy = defaultThrottlePolicy
): ThrottleVerdict => {
  if (!state.known && isLockedAt(state.account, at)) {
    return { _tag: "Locked", retryAfterMs: state.account.lockedUntil!.getTime() - at.getTime() }
  }
  const delay = delayAfterFailures(state.origin.failures, policy)
  if (delay === 0 || state.origin.lastFailureAt === null) return { _tag: "Allowed" }
  const remaining = state.origin.lastFailureAt.getTime() + delay - at.getTime()
  return remaining > 0 ? { _tag: "Wait", retryAfterMs: remaining } : { _tag: "Allowed" }
}

/**
 * The counters after an attempt at `at` was granted (it counts as a failure until it proves right). The
 * account locks when its count reaches `lockAfter` and no lock is in force: so after a lock has ended, each
 * further failure locks it again for `lockMs` (the consecutive failures stay bounded), while a right secret
 * clears everything. `lockStarted` tells the caller to audit the new lock.
 */
export const afterGranted = (
  state: { readonly origin: FailureCount; readonly account: AccountFailures },
  at: Date,
  policy: ThrottlePolicy = defaultThrottlePolicy
): { readonly origin: FailureCount; readonly account: AccountFailures; readonly lockStarted: boolean } => {
  const failures = state.account.failures + 1
  const lockStarted = failures >= policy.lockAfter && !isLockedAt(state.account, at)
  return {
    origin: { failures: state.origin.failures + 1, lastFailureAt: at },
    account: {
      failures,
      lastFailureAt: at,
      lockedUntil: lockStarted ? new Date(at.getTime() + policy.lockMs) : state.account.lockedUntil
    },
    lockStarted
  }
}
