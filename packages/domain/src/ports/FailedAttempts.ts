import { Context, type Effect } from "effect"
import type { TenantId, UserId } from "../model/ids.ts"
import type { AccountFailures, FailureCount, ThrottlePolicy } from "../rules/throttle.ts"

/** Consecutive failures and the time of the last one (a request quota's count, too). */
export type AttemptState = FailureCount

/**
 * Whose attempt: an account from one client address. The account is a user's id or, for an email that names no
 * user, `unknownAccountKey` (a version 8 UUID derived from the email): always a UUID, never the email itself.
 */
export interface AttemptKey {
  readonly tenantId: TenantId
  readonly account: UserId
  /** The client address's throttle key (`originKey`): IPv4 as is, IPv6 by its /64, else `unknown`. */
  readonly origin: string
}

/** A reserved attempt: counted as a failure until it proves right (then `reset`) or is `release`d. */
export interface GrantedAttempt {
  readonly _tag: "Granted"
  readonly key: AttemptKey
  readonly at: Date
  /** The address's and the account's counts after this attempt. */
  readonly origin: FailureCount
  readonly account: AccountFailures
  /** This attempt brought the account to its lock (audit `auth.locked` once it proves wrong). */
  readonly lockStarted: boolean
  /** The counts this attempt found, so `release` can put them back. */
  readonly prior: { readonly origin: FailureCount; readonly account: AccountFailures }
}

/** A refused attempt: nothing was counted and no secret may be checked. */
export interface RefusedAttempt {
  readonly _tag: "Refused"
  readonly retryAfterMs: number
  /** Refused by the account lock (else by the address's wait). */
  readonly locked: boolean
}

export type Reservation = GrantedAttempt | RefusedAttempt

/**
 * The counters of failed secret checks (password, TOTP, recovery code, setup/reset/verification token, current
 * password), per (account, client address) and per account, kept in the store so every node and every path
 * shares them; and the client addresses each account signed in from (the account lock spares them).
 *
 * Guarantees:
 * - `reserve` decides and counts in ONE atomic step, BEFORE the secret is checked: it grants the attempt only
 *   when `throttleVerdict` allows it, and a granted attempt counts as a failure at once (`afterGranted`). So of
 *   N concurrent attempts from one address on a fresh account, exactly `freeFailures` are granted, also across
 *   nodes; a refused one counts nothing. The account lock is read in the same step but counted loosely: under
 *   concurrency from many addresses it may let a few attempts more through than `lockAfter`.
 * - `release` undoes one granted attempt whose secret was right but was refused for another reason (the counts
 *   it found come back when nothing else counted in between; else the counts go down by one).
 * - `reset` clears the account's counts for every address and ends its lock (a right secret, an admin reset).
 * - `rememberOrigin` records a successful sign-in's address, keeping the `keep` most recent ones.
 * - `recordFailure` is a plain atomic increment of a counter (request quotas): N concurrent calls count N.
 * - Isolation by tenant: a call keyed by another tenant never reads nor changes this tenant's counts.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class FailedAttempts extends Context.Service<
  FailedAttempts,
  {
    readonly reserve: (key: AttemptKey, at: Date, policy: ThrottlePolicy) => Effect.Effect<Reservation>
    readonly release: (attempt: GrantedAttempt) => Effect.Effect<void>
    readonly reset: (tenantId: TenantId, account: UserId) => Effect.Effect<void>
    readonly rememberOrigin: (key: AttemptKey, at: Date, keep: number) => Effect.Effect<void>
    /** The account's consecutive failures (every address) and its lock. */
    readonly get: (tenantId: TenantId, account: UserId) => Effect.Effect<AccountFailures>
    /** The failures counted from one address. */
    readonly getOrigin: (key: AttemptKey) => Effect.Effect<FailureCount>
    readonly recordFailure: (tenantId: TenantId, key: UserId, at: Date) => Effect.Effect<AttemptState>
  }
>()("@gatehouse/domain/FailedAttempts") {}
