import { assert, it } from "@effect/vitest"
import { Outbox, TenantRepository, WebhookRepository } from "@gatehouse/domain"
import { aChangeEvent, aTenant, aWebhook } from "@gatehouse/testkit"
import { Effect, type Layer } from "effect"
import { Database, OUTBOX_CHANNEL, type Repositories } from "../../src/index.ts"

const settle = Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 300)))

/**
 * `Driver.listen` on the outbox channel: the dispatchers' wake-up. A committed append that queued a delivery
 * notifies; a rolled-back one, or one that queued nothing, does not.
 */
export const outboxListenTests = (name: string, layer: Layer.Layer<Repositories | Database, unknown>) =>
  it.live(`${name}: a committed append with a delivery wakes the listener; a rolled-back one does not`, () =>
    Effect.gen(function* () {
      const db = yield* Database
      const outbox = yield* Outbox
      let notified = 0
      const stop = yield* Effect.promise(() => db.driver.listen(OUTBOX_CHANNEL, () => notified++))
      try {
        yield* settle
        assert.strictEqual(notified, 1, "once when listening starts")
        const tenant = aTenant()
        yield* (yield* TenantRepository).insert(tenant).pipe(Effect.orDie)
        const at = new Date()
        // no webhook yet: nothing queued, nobody woken
        yield* db.transaction(outbox.append(aChangeEvent({ tenantId: tenant.id, occurredAt: at })))
        yield* settle
        assert.strictEqual(notified, 1, "an event without deliveries")
        yield* (yield* WebhookRepository).insert(aWebhook({ tenantId: tenant.id }))
        yield* Effect.exit(
          db.transaction(
            Effect.andThen(
              outbox.append(aChangeEvent({ tenantId: tenant.id, occurredAt: at })),
              Effect.fail("undo")
            )
          )
        )
        yield* settle
        assert.strictEqual(notified, 1, "a rolled-back append")
        yield* db.transaction(outbox.append(aChangeEvent({ tenantId: tenant.id, occurredAt: at })))
        yield* settle
        assert.strictEqual(notified, 2, "a committed append")
      } finally {
        yield* Effect.promise(stop)
      }
    }).pipe(Effect.provide(layer))
  )
