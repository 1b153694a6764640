import { Database, OUTBOX_CHANNEL } from "@gatehouse/adapters-postgres"
import { defaultRetryPolicy } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import type { WebhookDispatchConfig } from "../config.ts"
import { makeDispatcher } from "./dispatcher.ts"

/**
 * The process's webhook dispatcher, running while the layer lives: woken by the store's outbox channel (a
 * commit that queued deliveries, in this process or another on the same database). Its release interrupts the
 * attempts in flight, releases their claims and stops listening.
 */
export const layerDispatcher = (config: WebhookDispatchConfig) =>
  Layer.effectDiscard(
    Effect.gen(function* () {
      const db = yield* Database
      const dispatcher = yield* makeDispatcher({
        concurrency: config.concurrency,
        timeoutMillis: config.timeoutMillis,
        pollMillis: config.pollMillis,
        policy: { ...defaultRetryPolicy, baseMillis: config.retryBaseMillis }
      })
      const scope = yield* Effect.scope
      yield* Effect.acquireRelease(
        Effect.promise(() => db.driver.listen(OUTBOX_CHANNEL, dispatcher.wake.wake)),
        (stop) => Effect.promise(stop)
      )
      yield* Effect.forkIn(dispatcher.run(scope), scope)
    })
  )
