import { Effect, Random } from "effect"
import { now } from "../../model/newId.ts"
import { type AttemptResult, type ClaimedDelivery, Outbox } from "../../ports/Outbox.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"

/** Retries stop once this long has passed since the event (3 days). */
export const RETRY_WINDOW_MILLIS = 3 * 24 * 60 * 60 * 1000

export interface RetryPolicy {
  /** The delay before the second attempt; each later one doubles it (default 5 s). */
  readonly baseMillis: number
  /** No delay is longer than this (default 6 hours). */
  readonly maxDelayMillis: number
  /** No attempt after this long since the event (default 3 days). */
  readonly windowMillis: number
}

export const defaultRetryPolicy: RetryPolicy = {
  baseMillis: 5_000,
  maxDelayMillis: 6 * 60 * 60 * 1000,
  windowMillis: RETRY_WINDOW_MILLIS
}

/**
 * When the attempt after `attempts` failed ones is due: exponential backoff with full jitter (a random delay
 * between half and all of `base * 2^(attempts-1)`, capped), or null once past the window since `occurredAt`.
 */
export const nextAttemptAt = Effect.fnUntraced(function* (
  policy: RetryPolicy,
  attempts: number,
  occurredAt: Date,
  at: Date
) {
  const ceiling = Math.min(policy.maxDelayMillis, policy.baseMillis * 2 ** Math.min(attempts - 1, 40))
  const delay = Math.round(ceiling / 2 + (yield* Random.next) * (ceiling / 2))
  const due = at.getTime() + delay
  return due - occurredAt.getTime() > policy.windowMillis ? null : new Date(due)
})

/** What a delivery attempt came to, as the dispatcher saw it. */
export type AttemptOutcome =
  | { readonly _tag: "Answered"; readonly status: number }
  | { readonly _tag: "NoAnswer"; readonly error: string }

/** What was recorded of an attempt, and whether it counted (false: the lease was lost, nothing changed). */
export interface RecordedAttempt {
  readonly recorded: boolean
  readonly result: AttemptResult
}

/**
 * Records an attempt: 2xx delivered; 410 Gone disables the webhook (audited) and ends the delivery; anything
 * else is retried with backoff until the window closes. `recorded` is false when the claim's lease was lost
 * (another dispatcher took the delivery over: this result is ignored).
 */
export const recordAttempt = Effect.fn("recordAttempt")(function* (
  claim: ClaimedDelivery,
  outcome: AttemptOutcome,
  policy: RetryPolicy = defaultRetryPolicy
) {
  const at = yield* now
  const outbox = yield* Outbox
  const record = (result: AttemptResult) =>
    Effect.map(outbox.complete(claim, result), (recorded): RecordedAttempt => ({ recorded, result }))
  if (outcome._tag === "Answered" && outcome.status >= 200 && outcome.status < 300)
    return yield* record({ _tag: "Delivered", status: outcome.status, at })
  const status = outcome._tag === "Answered" ? outcome.status : null
  const error = outcome._tag === "NoAnswer" ? outcome.error.slice(0, 500) : null
  if (status === 410) {
    return yield* transactional(
      Effect.gen(function* () {
        const result: AttemptResult = {
          _tag: "Failed",
          status,
          error,
          at,
          nextAttemptAt: null,
          disableWebhook: "gone"
        }
        const recorded = yield* record(result)
        if (recorded.recorded)
          yield* audit(
            { tenantId: claim.webhook.tenantId, actorKind: "system", actorId: null },
            {
              action: "webhook.disabled",
              targetType: "webhook",
              targetId: claim.webhook.id,
              details: { reason: "gone" }
            }
          )
        return recorded
      })
    )
  }
  const next = yield* nextAttemptAt(policy, claim.delivery.attempts + 1, claim.event.occurredAt, at)
  return yield* record({ _tag: "Failed", status, error, at, nextAttemptAt: next })
})
