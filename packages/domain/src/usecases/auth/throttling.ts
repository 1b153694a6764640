import { Context, Effect } from "effect"
import { sha256, toHex } from "../../bytes/encoding.ts"
import type { TenantId, UserId } from "../../model/ids.ts"
import { type AttemptState, FailedAttempts } from "../../ports/FailedAttempts.ts"
import { defaultThrottlePolicy, type ThrottlePolicy, throttleVerdict } from "../../rules/throttle.ts"
import { TooManyAttempts } from "./errors.ts"

/** The throttle policy in force; override with `Effect.provideService(ThrottleSettings, {...})`. */
export const ThrottleSettings: Context.Reference<ThrottlePolicy> = Context.Reference<ThrottlePolicy>(
  "@gatehouse/domain/ThrottleSettings",
  { defaultValue: () => defaultThrottlePolicy }
)

/**
 * The `TooManyAttempts` an attempt at `at` gets, or undefined when it may check a secret. Read before any
 * secret is checked, on every path (password, TOTP, recovery code, setup token).
 */
export const throttled = (
  state: AttemptState,
  at: Date,
  policy: ThrottlePolicy
): TooManyAttempts | undefined => {
  const verdict = throttleVerdict(state, at, policy)
  if (verdict._tag === "Allowed") return undefined
  return new TooManyAttempts({
    retryAfterSeconds:
      verdict._tag === "Wait" ? Math.ceil(verdict.retryAfterMs / 1000) : Math.ceil(policy.maxDelayMs / 1000),
    locked: verdict._tag === "Locked"
  })
}

/** Fails with `TooManyAttempts` when the account may not check a secret at `at`. */
export const guardAttempts = (
  tenantId: TenantId,
  accountId: UserId,
  at: Date
): Effect.Effect<void, TooManyAttempts, FailedAttempts> =>
  Effect.gen(function* () {
    const state = yield* (yield* FailedAttempts).get(tenantId, accountId)
    const refused = throttled(state, at, yield* ThrottleSettings)
    if (refused !== undefined) return yield* refused
  })

/**
 * Counts one failed secret check (one atomic increment). Call it in a transaction that COMMITS: a count
 * rolled back with a failing use case would let an attacker guess forever.
 */
export const recordFailedAttempt = (
  tenantId: TenantId,
  accountId: UserId,
  at: Date
): Effect.Effect<AttemptState, never, FailedAttempts> =>
  Effect.flatMap(FailedAttempts, (attempts) => attempts.recordFailure(tenantId, accountId, at))

/** Clears the counter after a successful check, or when an admin resets the password (lifts a lock). */
export const clearFailedAttempts = (
  tenantId: TenantId,
  accountId: UserId
): Effect.Effect<void, never, FailedAttempts> =>
  Effect.flatMap(FailedAttempts, (attempts) => attempts.reset(tenantId, accountId))

/**
 * The counter key of an email that names no user of the tenant: a UUID derived from SHA-256(tenant, email).
 * Failed logins for unknown emails are throttled exactly like a real account's, so neither the answer nor the
 * throttling tells whether an account exists (ASVS 6.3.8). Stable across nodes; never a real user id.
 */
export const unknownAccountKey = (tenantId: TenantId, email: string): Effect.Effect<UserId> =>
  Effect.map(sha256(`gatehouse/unknown-account\u0000${tenantId}\u0000${email}`), (digest) => {
    const bytes = digest.slice(0, 16)
    // shaped as an RFC 9562 version 8 (custom) UUID so stores typed `uuid` accept it
    bytes[6] = (bytes[6]! & 0x0f) | 0x80
    bytes[8] = (bytes[8]! & 0x3f) | 0x80
    const h = toHex(bytes)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` as UserId
  })
