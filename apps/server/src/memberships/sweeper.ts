import { expireMemberships } from "@gatehouse/domain"
import { Effect, Layer } from "effect"

/** Expiries recorded per step; a full step is followed by another at once (a backlog drains without waiting). */
export const SWEEP_BATCH = 100

/**
 * One sweep: the domain's `expireMemberships` until a step records fewer than a batch. Each expiry is its own
 * transaction with its `membership.expired` audit and change event; of processes sweeping at once exactly one
 * records each expiry (the store's `MembershipExpiries.record`), so the others' steps record nothing.
 */
export const sweepOnce = Effect.gen(function* () {
  let total = 0
  for (;;) {
    const recorded = yield* expireMemberships({ limit: SWEEP_BATCH })
    total += recorded
    if (recorded < SWEEP_BATCH) return total
  }
})

/**
 * The process's membership sweeper, running while the layer lives: a sweep at start, then every `everyMillis`.
 * A failed sweep is logged and tried again at the next interval. Its release (the runtime's disposal on SIGTERM)
 * interrupts it between or inside transactions: an expiry is recorded whole or not at all.
 */
export const layerMembershipSweeper = (everyMillis: number) =>
  Layer.effectDiscard(
    Effect.gen(function* () {
      const sweep = sweepOnce.pipe(
        Effect.tap((recorded) =>
          recorded > 0 ? Effect.logInfo(`Recorded ${recorded} membership expiries`) : Effect.void
        ),
        Effect.catchCause((cause) =>
          Effect.logWarning("The membership sweep failed; trying again at the next interval", cause)
        )
      )
      yield* Effect.forkScoped(Effect.forever(Effect.andThen(sweep, Effect.sleep(everyMillis))))
    })
  )
