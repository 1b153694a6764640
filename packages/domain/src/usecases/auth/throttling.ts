import { Context, Effect } from "effect"
import { sha256, toHex } from "../../bytes/encoding.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import type { TenantId, UserId } from "../../model/ids.ts"
import { now } from "../../model/newId.ts"
import { originKey, type RequestOrigin } from "../../model/origin.ts"
import {
  type AttemptKey,
  FailedAttempts,
  type GrantedAttempt,
  type RefusedAttempt
} from "../../ports/FailedAttempts.ts"
import type { Transactor } from "../../ports/Transactor.ts"
import { defaultThrottlePolicy, type ThrottlePolicy } from "../../rules/throttle.ts"
import { type AuditEntry, audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { TooManyAttempts } from "./errors.ts"

/** The throttle policy in force; override with `Effect.provideService(ThrottleSettings, {...})`. */
export const ThrottleSettings: Context.Reference<ThrottlePolicy> = Context.Reference<ThrottlePolicy>(
  "@gatehouse/domain/ThrottleSettings",
  { defaultValue: () => defaultThrottlePolicy }
)

/** The throttle key of an account's attempts from a request's origin. */
export const attemptKey = (tenantId: TenantId, account: UserId, origin: RequestOrigin): AttemptKey => ({
  tenantId,
  account,
  origin: originKey(origin)
})

/** The error a refused attempt answers with (at least one second, as `Retry-After` counts whole seconds). */
export const tooManyAttempts = (refused: RefusedAttempt): TooManyAttempts =>
  new TooManyAttempts({
    retryAfterSeconds: Math.max(1, Math.ceil(refused.retryAfterMs / 1000)),
    locked: refused.locked
  })

/**
 * Reserves one attempt BEFORE any secret is checked (`FailedAttempts.reserve`: decided and counted atomically),
 * or fails with `TooManyAttempts` having counted nothing. Run it where its count commits: in a transaction of
 * its own before a slow check, or in the transaction that also commits the check's outcome (a rollback takes
 * the reservation back, which is right when the check did not happen).
 */
export const reserveAttempt = (
  key: AttemptKey,
  at: Date
): Effect.Effect<GrantedAttempt, TooManyAttempts, FailedAttempts> =>
  Effect.gen(function* () {
    const reservation = yield* (yield* FailedAttempts).reserve(key, at, yield* ThrottleSettings)
    if (reservation._tag === "Refused") return yield* tooManyAttempts(reservation)
    return reservation
  })

/** Undoes a reservation whose secret was right but was refused for another reason (not a guess: no count). */
export const releaseAttempt = (
  granted: GrantedAttempt
): Effect.Effect<void, StoreUnavailable, FailedAttempts | Transactor> =>
  transactional(Effect.flatMap(FailedAttempts, (attempts) => attempts.release(granted)))

/**
 * Runs `attempt` under a reservation taken first in a transaction of its own (committed before any secret is
 * checked, so concurrent attempts see it). When `attempt` fails with an error `counts` does not claim (a
 * refusal that is no guess: the secret was right, or never checked), the reservation is released; when it
 * succeeds it is released too unless `keepOnSuccess` (the attempt cleared the counts itself).
 */
export const underReservation = <A, E, R>(
  key: AttemptKey,
  at: Date,
  attempt: (granted: GrantedAttempt) => Effect.Effect<A, E, R>,
  options: { readonly counts: (error: E) => boolean; readonly releaseOnSuccess: boolean }
): Effect.Effect<A, E | TooManyAttempts | StoreUnavailable, R | FailedAttempts | Transactor> =>
  Effect.gen(function* () {
    const granted = yield* transactional(reserveAttempt(key, at))
    return yield* attempt(granted).pipe(
      Effect.tapError((error) => (options.counts(error) ? Effect.void : releaseAttempt(granted))),
      Effect.tap(() => (options.releaseOnSuccess ? releaseAttempt(granted) : Effect.void))
    )
  })

/**
 * Audits the account lock a failed attempt started (`auth.locked`), in the caller's transaction: the lock
 * ends by itself at `until` (an admin's password reset ends it sooner).
 */
export const auditLockStarted = (granted: GrantedAttempt) =>
  granted.lockStarted
    ? audit(
        { tenantId: granted.key.tenantId, actorKind: "system", actorId: null },
        {
          action: "auth.locked",
          targetType: "user",
          targetId: granted.key.account,
          details: {
            failures: granted.account.failures,
            until: granted.account.lockedUntil?.toISOString() ?? null
          }
        }
      )
    : Effect.void

/**
 * `underReservation` for a secret presented without a session (a setup link, an emailed token): a counted
 * failure is audited as `action` on the account, by an anonymous actor, with the lock it may start.
 */
export const underAnonymousReservation = <A, E, R, Counted extends E>(
  key: AttemptKey,
  at: Date,
  effect: Effect.Effect<A, E, R>,
  options: {
    readonly counts: (error: unknown) => error is Counted
    readonly releaseOnSuccess: boolean
    readonly action: string
    readonly details: (failure: Counted, granted: GrantedAttempt) => NonNullable<AuditEntry["details"]>
  }
) =>
  underReservation(
    key,
    at,
    (granted) =>
      effect.pipe(
        Effect.tapError((failure) =>
          options.counts(failure)
            ? transactional(
                Effect.gen(function* () {
                  yield* audit(
                    { tenantId: key.tenantId, actorKind: "anonymous", actorId: null },
                    {
                      action: options.action,
                      targetType: "user",
                      targetId: key.account,
                      details: options.details(failure, granted)
                    }
                  )
                  yield* auditLockStarted(granted)
                })
              )
            : Effect.void
        )
      ),
    { counts: options.counts, releaseOnSuccess: options.releaseOnSuccess }
  )

/**
 * Clears the account's counts and ends its lock after a right secret, or when an admin resets the password.
 * With `signedInFrom`, also remembers that address as one the account signs in from (the lock spares it).
 */
export const clearFailedAttempts = (
  tenantId: TenantId,
  accountId: UserId,
  signedInFrom?: AttemptKey
): Effect.Effect<void, never, FailedAttempts> =>
  Effect.gen(function* () {
    const attempts = yield* FailedAttempts
    yield* attempts.reset(tenantId, accountId)
    if (signedInFrom !== undefined) {
      const policy = yield* ThrottleSettings
      yield* attempts.rememberOrigin(signedInFrom, yield* now, policy.knownOrigins)
    }
  })

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
