import { ShopifyUnavailable } from "@gatehouse/domain"
import { Duration, Effect, Random, Schedule } from "effect"
import { type ClientOptions, nextDelayMs, Transient } from "./client.ts"

/** Which transient failures an operation may try again after. */
export type RetryWhen = (failure: Transient) => boolean

/** Reads and idempotent writes: every transient failure. */
export const always: RetryWhen = () => true

/** Writes that must not run twice (the invite email): only when Shopify certainly did not run them. */
export const onlyUnapplied: RetryWhen = (failure) => failure.applied === "no"

/**
 * The retry policy of notes/shopify.md on Effect's Schedule (so its waits run on the Clock): THROTTLED waits
 * (requested - available) / restoreRate, 429 its Retry-After, 502/503/504 and lost answers back off
 * exponentially; jitter on top; at most `maxTries` tries; a wait longer than `maxDelay` ends the retries.
 */
export const retryPolicy = (options: ClientOptions) =>
  Schedule.exponential(options.baseDelay, 2).pipe(
    Schedule.modifyDelay(({ input, duration }) =>
      Effect.map(Random.nextBetween(0, Duration.toMillis(options.jitter)), (jitter) =>
        Duration.millis(
          (input instanceof Transient ? nextDelayMs(options, input, duration) : Duration.toMillis(duration)) +
            jitter
        )
      )
    ),
    Schedule.upTo({ times: Math.max(0, options.maxTries - 1) })
  )

/**
 * Runs `attempt` under the retry policy, trying again when `when` allows; a transient failure that is left
 * becomes `ShopifyUnavailable` (`mayHaveApplied` for a write whose last answer was lost).
 */
export const withRetry = <A, E>(
  options: ClientOptions,
  attempt: Effect.Effect<A, E | Transient>,
  settings: { readonly when: RetryWhen; readonly write: boolean }
): Effect.Effect<A, Exclude<E, Transient> | ShopifyUnavailable> =>
  attempt.pipe(
    Effect.retry({
      schedule: retryPolicy(options),
      while: (error: E | Transient) =>
        error instanceof Transient &&
        error.reason !== "unexpected" &&
        settings.when(error) &&
        (error.waitMs === undefined || error.waitMs <= Duration.toMillis(options.maxDelay))
    }),
    Effect.catchIf(
      (error): error is Transient => error instanceof Transient,
      (failure) =>
        Effect.fail(
          new ShopifyUnavailable({
            operation: failure.operation,
            reason: failure.reason === "unexpected" ? "Shopify gave an unexpected answer" : failure.reason,
            mayHaveApplied: settings.write && failure.applied === "unknown"
          })
        )
    )
  ) as Effect.Effect<A, Exclude<E, Transient> | ShopifyUnavailable>
