import { Clock, Effect, Layer } from "effect"

/** A wall clock a test can move forward; sleeping and monotonic time stay real. */
export interface MovableClock {
  /** The instant the domain sees now, in Unix milliseconds. */
  readonly now: () => number
  /** Moves the domain's wall clock forward by `millis` (the process's own clock is untouched). */
  readonly advance: (millis: number) => void
  /** The `Clock` to provide to the runtime that serves the HTTP app. */
  readonly layer: Layer.Layer<never>
}

// The default Clock (a Context.Reference): read once, so the movable one can delegate sleeping to it.
const realClock: Clock.Clock = Effect.runSync(Clock.clockWith(Effect.succeed))

/**
 * The domain reads time through Effect's `Clock` only (sessions, memberships' expiry, setup links, TOTP steps),
 * so a runtime built with this clock serves the HTTP app in moved time. Sleeps (retries, timeouts of the
 * Shopify client) and monotonic measurements stay real: moving the clock never stalls a request.
 */
export const makeMovableClock = (): MovableClock => {
  let offset = 0
  const millis = () => realClock.currentTimeMillisUnsafe() + offset
  const nanos = () => realClock.currentTimeNanosUnsafe() + BigInt(offset) * 1_000_000n
  const clock: Clock.Clock = {
    currentTimeMillisUnsafe: millis,
    currentTimeMillis: Effect.sync(millis),
    currentTimeNanosUnsafe: nanos,
    currentTimeNanos: Effect.sync(nanos),
    monotonicTimeNanosUnsafe: () => realClock.monotonicTimeNanosUnsafe(),
    monotonicTimeNanos: Effect.sync(() => realClock.monotonicTimeNanosUnsafe()),
    sleep: (duration) => realClock.sleep(duration)
  }
  return {
    now: millis,
    advance: (by) => {
      if (!(by >= 0)) throw new Error(`the clock only moves forward (asked ${by} ms)`)
      offset += by
    },
    layer: Layer.succeed(Clock.Clock, clock)
  }
}
