import { assert, describe, it } from "@effect/vitest"
import {
  AuditLog,
  attemptDelivery,
  type ClaimedDelivery,
  createWebhook,
  OutboundCallFailed,
  OutboundCalls,
  type OutboundRequest,
  Outbox,
  rotateWebhookSecret,
  sendTestEvent,
  type WebhookMessage,
  WebhookRepository
} from "@gatehouse/domain"
import { layerMemory, seedTenant } from "@gatehouse/testkit"
import { Clock, Effect, Layer, Option, Redacted } from "effect"
import * as TestClock from "effect/testing/TestClock"

const NOW = Date.parse("2026-03-02T09:00:00.000Z")
const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A receiver that answers each call with the next of `answers` (the last one repeats), and keeps the requests. */
const receiver = (answers: ReadonlyArray<number | "timeout">) => {
  const requests: Array<OutboundRequest> = []
  const layer = Layer.succeed(
    OutboundCalls,
    OutboundCalls.of({
      check: () => Effect.void,
      call: (request) => {
        const answer = answers[Math.min(requests.length, answers.length - 1)]!
        requests.push(request)
        return answer === "timeout"
          ? Effect.fail(new OutboundCallFailed({ reason: "timeout", host: "receiver.example" }))
          : Effect.succeed({ status: answer, headers: {}, body: "" })
      }
    })
  )
  return { requests, layer }
}

/** Every secret a message is signed with, in order, as the signer sees them. */
const signer = (seen: Array<WebhookMessage>) => (message: WebhookMessage) => {
  seen.push(message)
  return message.secrets.map((secret) => `v1,${Redacted.value(secret)}`).join(" ")
}

const provideWith = (outbound: Layer.Layer<OutboundCalls>) =>
  Effect.provide(Layer.mergeAll(Layer.fresh(layerMemory), outbound))

/** A tenant with a webhook on every event and one queued test event for it. */
const setup = Effect.gen(function* () {
  yield* TestClock.setTime(NOW)
  const { tenant, adminActor } = yield* seedTenant()
  const created = yield* createWebhook(adminActor, { url: "https://receiver.example/hook", events: ["*"] })
  const { eventId } = yield* sendTestEvent(adminActor, created.webhook.id)
  return { tenant, adminActor, webhook: created.webhook, secret: created.secret, eventId }
})

const claimOne = Effect.gen(function* () {
  const now = new Date(yield* Clock.currentTimeMillis)
  const claims = yield* (yield* Outbox).claim({ limit: 10, leaseMillis: 30_000, now })
  return claims
})

const onlyClaim = (claims: ReadonlyArray<ClaimedDelivery>): ClaimedDelivery => {
  assert.strictEqual(claims.length, 1)
  return claims[0]!
}

describe("a delivery attempt", () => {
  it.effect(
    "a 2xx delivers: signed with the webhook's secret, webhook-id the event's id, the body the event",
    () => {
      const { requests, layer } = receiver([204])
      const seen: Array<WebhookMessage> = []
      return Effect.gen(function* () {
        const { tenant, webhook, secret, eventId } = yield* setup
        const claim = onlyClaim(yield* claimOne)
        const recorded = yield* attemptDelivery(claim, { sign: signer(seen) })
        assert.isTrue(recorded.recorded)
        assert.strictEqual(recorded.result._tag, "Delivered")
        const request = requests[0]!
        assert.strictEqual(request.url, "https://receiver.example/hook")
        assert.strictEqual(request.headers?.["webhook-id"], eventId)
        assert.strictEqual(request.headers?.["webhook-timestamp"], String(NOW / 1000))
        assert.strictEqual(request.headers?.["webhook-signature"], `v1,${Redacted.value(secret)}`)
        const body = JSON.parse(String(request.body))
        assert.deepStrictEqual(Object.keys(body), ["id", "type", "tenantId", "occurredAt", "actor", "data"])
        assert.deepStrictEqual([body.id, body.type, body.tenantId], [eventId, "webhook.test", tenant.id])
        const page = yield* (yield* Outbox).deliveries(tenant.id, webhook.id, { limit: 10 })
        assert.deepStrictEqual(
          page.items.map((d) => [d.status, d.attempts, d.lastStatus, d.nextAttemptAt]),
          [["delivered", 1, 204, null]]
        )
        assert.strictEqual((yield* claimOne).length, 0)
      }).pipe(provideWith(layer))
    }
  )

  it.effect("failures retry with growing, jittered delays, and stop within 3 days of the event", () => {
    const { requests, layer } = receiver([500, "timeout", 503])
    return Effect.gen(function* () {
      const { tenant, webhook } = yield* setup
      const delays: Array<number> = []
      let last = NOW
      while (true) {
        const claim = onlyClaim(yield* claimOne)
        const { result } = yield* attemptDelivery(claim, { sign: () => "v1,x" })
        assert.strictEqual(result._tag, "Failed")
        if (result._tag !== "Failed" || result.nextAttemptAt === null) break
        const delay = result.nextAttemptAt.getTime() - last
        delays.push(delay)
        // nothing is due before the next attempt's time
        yield* TestClock.setTime(result.nextAttemptAt.getTime() - 1)
        assert.strictEqual((yield* claimOne).length, 0)
        yield* TestClock.setTime(result.nextAttemptAt.getTime())
        last = result.nextAttemptAt.getTime()
      }
      // base 5 s doubling: each delay within [half, all] of its ceiling, capped at 6 hours
      delays.forEach((delay, i) => {
        const ceiling = Math.min(6 * HOUR, 5_000 * 2 ** i)
        assert.isTrue(delay >= ceiling / 2 && delay <= ceiling, `attempt ${i + 2}: ${delay} ms`)
      })
      assert.isTrue(
        last - NOW <= 3 * DAY && last - NOW > 3 * DAY - 6 * HOUR,
        `last attempt at +${last - NOW} ms`
      )
      const delivery = (yield* (yield* Outbox).deliveries(tenant.id, webhook.id, { limit: 1 })).items[0]!
      assert.deepStrictEqual(
        [delivery.status, delivery.attempts, delivery.nextAttemptAt],
        ["failed", requests.length, null]
      )
      assert.strictEqual(delivery.attempts, delays.length + 1)
      assert.strictEqual(delivery.lastStatus, 503)
      // a timeout is recorded as an error without a status
      assert.isTrue(requests.length > 12 && requests.length < 40, `${requests.length} attempts`)
    }).pipe(provideWith(layer))
  })

  it.effect("no answer: the error is recorded without a status, and the delivery stays pending", () => {
    const { layer } = receiver(["timeout"])
    return Effect.gen(function* () {
      const { tenant, webhook } = yield* setup
      yield* attemptDelivery(onlyClaim(yield* claimOne), { sign: () => "v1,x" })
      const delivery = (yield* (yield* Outbox).deliveries(tenant.id, webhook.id, { limit: 1 })).items[0]!
      assert.deepStrictEqual(
        [delivery.status, delivery.lastStatus, delivery.lastError],
        ["pending", null, "timeout (receiver.example)"]
      )
    }).pipe(provideWith(layer))
  })

  it.effect(
    "410 Gone disables the webhook (audited), ends the delivery, and queues nothing more for it",
    () => {
      const { layer } = receiver([410])
      return Effect.gen(function* () {
        const { tenant, adminActor, webhook } = yield* setup
        const { result } = yield* attemptDelivery(onlyClaim(yield* claimOne), { sign: () => "v1,x" })
        assert.deepStrictEqual(
          [result._tag, result._tag === "Failed" && result.nextAttemptAt],
          ["Failed", null]
        )
        const stored = Option.getOrThrow(yield* (yield* WebhookRepository).findById(tenant.id, webhook.id))
        assert.deepStrictEqual([stored.enabled, stored.disabledReason], [false, "gone"])
        const audit = yield* (yield* AuditLog).query(tenant.id, { action: "webhook.disabled", limit: 10 })
        assert.deepStrictEqual(
          audit.items.map((e) => [e.targetId, e.actorKind]),
          [[webhook.id, "system"]]
        )
        yield* sendTestEvent(adminActor, webhook.id).pipe(Effect.ignore)
        assert.strictEqual((yield* claimOne).length, 0)
      }).pipe(provideWith(layer))
    }
  )

  it.effect("after a rotation both secrets sign for 24 hours, then only the new one", () => {
    const { layer } = receiver([500])
    const seen: Array<WebhookMessage> = []
    return Effect.gen(function* () {
      const { adminActor, webhook, secret } = yield* setup
      const rotated = yield* rotateWebhookSecret(adminActor, webhook.id)
      yield* attemptDelivery(onlyClaim(yield* claimOne), { sign: signer(seen) })
      yield* TestClock.setTime(NOW + DAY - 1)
      const second = yield* attemptDelivery(onlyClaim(yield* claimOne), { sign: signer(seen) })
      // the next attempt is due a few seconds later: past the 24 hours
      if (second.result._tag !== "Failed" || second.result.nextAttemptAt === null) assert.fail("retried")
      assert.isTrue(second.result.nextAttemptAt.getTime() >= NOW + DAY)
      yield* TestClock.setTime(second.result.nextAttemptAt.getTime())
      yield* attemptDelivery(onlyClaim(yield* claimOne), { sign: signer(seen) })
      const [fresh, old] = [Redacted.value(rotated.secret), Redacted.value(secret)]
      assert.notStrictEqual(fresh, old)
      assert.deepStrictEqual(
        seen.map((m) => m.secrets.map(Redacted.value)),
        [[fresh, old], [fresh, old], [fresh]]
      )
    }).pipe(provideWith(layer))
  })

  it.effect("a result under a lost lease is ignored: the delivery belongs to its new claimer", () => {
    const { layer } = receiver([500, 200])
    return Effect.gen(function* () {
      const { tenant, webhook } = yield* setup
      const stale = onlyClaim(yield* claimOne)
      yield* TestClock.setTime(NOW + 30_000)
      const fresh = onlyClaim(yield* claimOne)
      const late = yield* attemptDelivery(stale, { sign: () => "v1,x" })
      assert.isFalse(late.recorded)
      assert.isTrue((yield* attemptDelivery(fresh, { sign: () => "v1,x" })).recorded)
      const delivery = (yield* (yield* Outbox).deliveries(tenant.id, webhook.id, { limit: 1 })).items[0]!
      assert.deepStrictEqual([delivery.status, delivery.attempts, delivery.lastStatus], ["delivered", 1, 200])
    }).pipe(provideWith(layer))
  })
})
