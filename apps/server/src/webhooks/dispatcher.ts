import {
  attemptDelivery,
  type ClaimedDelivery,
  DELIVERY_TIMEOUT_MILLIS,
  defaultRetryPolicy,
  Outbox,
  type RetryPolicy
} from "@gatehouse/domain"
import { Clock, Effect, Queue, type Scope } from "effect"
import { standardWebhooksSigner } from "./signature.ts"

export interface DispatcherOptions {
  /** At most this many deliveries in flight at once (default 16). */
  readonly concurrency: number
  /** Each attempt's timeout, connection to last byte (default 10 s). */
  readonly timeoutMillis: number
  /**
   * How often to look for due deliveries without a wake-up (default 30 s): retries other processes scheduled and
   * leases of crashed processes. A commit that queues a delivery wakes the dispatcher at once.
   */
  readonly pollMillis: number
  /** The retry schedule (the domain's default: 5 s doubling, capped at 6 hours, for 3 days). */
  readonly policy: RetryPolicy
}

export const defaultDispatcherOptions: DispatcherOptions = {
  concurrency: 16,
  timeoutMillis: DELIVERY_TIMEOUT_MILLIS,
  pollMillis: 30_000,
  policy: defaultRetryPolicy
}

/** A claim outlives its attempt: the call's timeout, recording it, and room to spare. */
export const leaseMillisOf = (options: DispatcherOptions): number => 2 * options.timeoutMillis + 5_000

/** Wakes a waiting dispatcher; a wake-up while it is busy is kept (one), so a commit is never slept through. */
export interface Wake {
  readonly wake: () => void
}

/**
 * The webhook dispatcher of one server process: claims due deliveries (the store's claims are exclusive across
 * processes), runs at most `concurrency` attempts at once (the domain's `attemptDelivery`: sign, POST through
 * the outbound rule, record), and sleeps when nothing is due until a wake-up (a committed delivery, a finished
 * attempt, the next retry it scheduled itself) or the poll interval. Interrupting it interrupts the attempts in
 * flight and releases their claims (due again at once, for this or another process).
 */
export const makeDispatcher = (options: DispatcherOptions) =>
  Effect.gen(function* () {
    const signal = yield* Queue.dropping<void>(1)
    const wake: Wake = { wake: () => void Queue.offerUnsafe(signal, undefined) }
    const outbox = yield* Outbox
    const leaseMillis = leaseMillisOf(options)
    let inFlight = 0
    // The earliest retry this process scheduled: it wakes for it rather than waiting for the poll.
    let nextDue = Number.POSITIVE_INFINITY

    const attempt = (claim: ClaimedDelivery) =>
      attemptDelivery(claim, {
        sign: standardWebhooksSigner,
        timeoutMillis: options.timeoutMillis,
        policy: options.policy
      }).pipe(
        Effect.tap(({ result }) =>
          Effect.sync(() => {
            if (result._tag === "Failed" && result.nextAttemptAt !== null)
              nextDue = Math.min(nextDue, result.nextAttemptAt.getTime())
          })
        ),
        Effect.onInterrupt(() => outbox.release([claim])),
        Effect.catchCause((cause) =>
          Effect.logWarning("A webhook delivery attempt failed; its claim is released", cause).pipe(
            Effect.andThen(outbox.release([claim])),
            Effect.ignore
          )
        ),
        Effect.ensuring(
          Effect.sync(() => {
            inFlight--
            wake.wake()
          })
        )
      )

    const sleep = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const millis = Math.max(0, Math.min(options.pollMillis, nextDue - now))
      yield* Queue.take(signal).pipe(Effect.timeoutOption(millis))
      if ((yield* Clock.currentTimeMillis) >= nextDue) nextDue = Number.POSITIVE_INFINITY
    })

    const run = (scope: Scope.Scope) =>
      Effect.forever(
        Effect.gen(function* () {
          const free = options.concurrency - inFlight
          if (free <= 0) return yield* sleep
          const now = new Date(yield* Clock.currentTimeMillis)
          const claims = yield* outbox.claim({ limit: free, leaseMillis, now })
          for (const claim of claims) {
            inFlight++
            yield* Effect.forkIn(attempt(claim), scope)
          }
          // Fewer than asked for: nothing else is due now.
          if (claims.length < free) yield* sleep
        }).pipe(
          Effect.catchCause((cause) =>
            Effect.logWarning("The webhook dispatcher could not claim deliveries; trying again", cause).pipe(
              Effect.andThen(Effect.sleep(Math.min(options.pollMillis, 5_000)))
            )
          )
        )
      )

    return { wake, run }
  })
