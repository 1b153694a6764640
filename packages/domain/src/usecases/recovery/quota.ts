import { Context, Effect } from "effect"
import { sha256, toHex } from "../../bytes/encoding.ts"
import type { TenantId, UserId } from "../../model/ids.ts"
import { FailedAttempts } from "../../ports/FailedAttempts.ts"
import { TooManyAttempts } from "../auth/errors.ts"

/** At most `max` requests in each fixed window of `windowMs`. */
export interface RequestLimit {
  readonly max: number
  readonly windowMs: number
}

export interface RecoveryLimits {
  /** Password reset requests per email address of a tenant (known or not alike). */
  readonly resetPerAccount: RequestLimit
  /** Password reset requests per client address, per tenant. */
  readonly resetPerAddress: RequestLimit
  /** Email verification requests per user. */
  readonly verificationPerUser: RequestLimit
}

const HOUR = 3_600_000

/** 3 reset emails an hour per address asked for, 20 requests an hour per client, 5 verification emails an hour. */
export const defaultRecoveryLimits: RecoveryLimits = {
  resetPerAccount: { max: 3, windowMs: HOUR },
  resetPerAddress: { max: 20, windowMs: HOUR },
  verificationPerUser: { max: 5, windowMs: HOUR }
}

/** The limits in force; override with `Effect.provideService(RecoveryLimitSettings, {...})` or a layer. */
export const RecoveryLimitSettings: Context.Reference<RecoveryLimits> = Context.Reference<RecoveryLimits>(
  "@gatehouse/domain/RecoveryLimitSettings",
  { defaultValue: () => defaultRecoveryLimits }
)

/**
 * The counter key of a subject in one window: a UUID derived from SHA-256 of the scope, tenant, subject and
 * window number (shaped like `unknownAccountKey`'s, so it never names a real user). A new window is a new
 * counter, so counts need no decay.
 */
const windowKey = (scope: string, tenantId: TenantId, subject: string, window: number) =>
  Effect.map(sha256(`gatehouse/${scope}\u0000${tenantId}\u0000${subject}\u0000${window}`), (digest) => {
    const bytes = digest.slice(0, 16)
    bytes[6] = (bytes[6]! & 0x0f) | 0x80
    bytes[8] = (bytes[8]! & 0x3f) | 0x80
    const h = toHex(bytes)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` as UserId
  })

/**
 * Reserves one request of `subject` against `limit` at `at`: one atomic increment of the window's counter
 * (`FailedAttempts.recordFailure`: N concurrent requests count N), then the verdict from the count it returned,
 * so no check-then-act window exists. Returns the `TooManyAttempts` to answer when over the limit, else
 * undefined. Call it in a transaction that commits.
 */
export const reserveRequest = Effect.fnUntraced(function* (
  scope: string,
  tenantId: TenantId,
  subject: string,
  limit: RequestLimit,
  at: Date
) {
  const window = Math.floor(at.getTime() / limit.windowMs)
  const key = yield* windowKey(scope, tenantId, subject, window)
  const state = yield* (yield* FailedAttempts).recordFailure(tenantId, key, at)
  if (state.failures <= limit.max) return undefined
  const retryAfterMs = (window + 1) * limit.windowMs - at.getTime()
  return new TooManyAttempts({ retryAfterSeconds: Math.ceil(retryAfterMs / 1000), locked: false })
})
