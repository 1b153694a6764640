import { assert, layer, type Vitest } from "@effect/vitest"
import { DEFAULT_WEBHOOK_CLAIM_TTL, type TenantId, WebhookDeduplication } from "@gatehouse/domain"
import { Duration, Effect, type Layer } from "effect"
import { TestClock } from "effect/testing"
import { freshTenant, type Repositories, race } from "./support.ts"

/** The `it` of the suite: a store's repositories (for fresh tenants) and its WebhookDeduplication. */
export type WebhookDeduplicationIt = Vitest.MethodsNonLive<Repositories | WebhookDeduplication>

export interface WebhookDeduplicationContractOptions {
  /** The TTL the implementation under test was built with (default `DEFAULT_WEBHOOK_CLAIM_TTL`). */
  readonly ttl?: Duration.Input | undefined
}

/** How many of `n` concurrent claims of one key answered "first". */
const concurrentFirsts = (n: number, tenantId: TenantId, webhookId: string) =>
  Effect.flatMap(WebhookDeduplication, (deduplication) =>
    Effect.map(
      race(n, () => deduplication.claim(tenantId, webhookId)),
      ({ successes }) => successes.filter((first) => first).length
    )
  )

const freshId = () => `wh-${globalThis.crypto.randomUUID()}`

// A point in time well after the wall clock of any earlier run, so a persistent store's old rows never matter.
const START = Date.UTC(2030, 0, 1, 12)

/** Runs `effect` on a TestClock set to `START`: the tests move time with `TestClock.adjust`. */
const onTestClock = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.andThen(TestClock.setTime(START), effect).pipe(Effect.provide(TestClock.layer()))

/**
 * The WebhookDeduplication guarantees: a key's claim is first exactly once (also of 20 concurrent claims),
 * later claims are duplicates; `release` forgets a key (a never-claimed one quietly); tenants never share a
 * key; a claim is remembered for exactly the TTL by the Effect Clock (a duplicate does not extend it), then the
 * next claim is first again, exactly once.
 */
export const webhookDeduplicationTests = (
  it: WebhookDeduplicationIt,
  options: WebhookDeduplicationContractOptions = {}
): void => {
  const ttl = Duration.toMillis(options.ttl ?? DEFAULT_WEBHOOK_CLAIM_TTL)

  it.effect("the first claim of an id is first; every later claim is a duplicate", () =>
    Effect.gen(function* () {
      const deduplication = yield* WebhookDeduplication
      const { tenant } = yield* freshTenant()
      const id = freshId()
      assert.isTrue(yield* deduplication.claim(tenant.id, id))
      assert.isFalse(yield* deduplication.claim(tenant.id, id))
      assert.isFalse(yield* deduplication.claim(tenant.id, id))
      assert.isTrue(yield* deduplication.claim(tenant.id, `${id}-other`), "another id is its own key")
    })
  )

  it.effect("of 20 concurrent claims of one id exactly one is first; 20 later ones are all duplicates", () =>
    Effect.gen(function* () {
      const { tenant } = yield* freshTenant()
      const id = freshId()
      assert.strictEqual(yield* concurrentFirsts(20, tenant.id, id), 1)
      assert.strictEqual(yield* concurrentFirsts(20, tenant.id, id), 0)
    })
  )

  it.effect(
    "tenants never share a key: one id claimed concurrently in two tenants is first once in each",
    () =>
      Effect.gen(function* () {
        const deduplication = yield* WebhookDeduplication
        const { tenant } = yield* freshTenant()
        const { tenant: other } = yield* freshTenant()
        const id = freshId()
        const [mine, theirs] = yield* Effect.all(
          [concurrentFirsts(10, tenant.id, id), concurrentFirsts(10, other.id, id)],
          { concurrency: "unbounded" }
        )
        assert.deepStrictEqual([mine, theirs], [1, 1])
        yield* deduplication.release(other.id, id)
        assert.isFalse(
          yield* deduplication.claim(tenant.id, id),
          "releasing another tenant's key changes nothing"
        )
        assert.isTrue(yield* deduplication.claim(other.id, id), "the released tenant's key is first again")
      })
  )

  it.effect(
    "release forgets an id (its next claim is first); releasing a never-claimed id does nothing",
    () =>
      Effect.gen(function* () {
        const deduplication = yield* WebhookDeduplication
        const { tenant } = yield* freshTenant()
        const id = freshId()
        assert.isTrue(yield* deduplication.claim(tenant.id, id))
        yield* deduplication.release(tenant.id, id)
        assert.strictEqual(
          yield* concurrentFirsts(20, tenant.id, id),
          1,
          "a released id is first again, once"
        )
        assert.isFalse(yield* deduplication.claim(tenant.id, id))
        yield* deduplication.release(tenant.id, `${id}-never-claimed`)
        assert.isFalse(
          yield* deduplication.claim(tenant.id, id),
          "releasing another id left this one claimed"
        )
      })
  )

  it.effect(
    "a claim is remembered for the TTL; from then on exactly one of 20 concurrent claims is first",
    () =>
      onTestClock(
        Effect.gen(function* () {
          const deduplication = yield* WebhookDeduplication
          const { tenant } = yield* freshTenant()
          const id = freshId()
          assert.isTrue(yield* deduplication.claim(tenant.id, id))
          yield* TestClock.adjust(ttl - 1)
          assert.isFalse(
            yield* deduplication.claim(tenant.id, id),
            "a millisecond before the TTL: a duplicate"
          )
          yield* TestClock.adjust(1)
          assert.strictEqual(yield* concurrentFirsts(20, tenant.id, id), 1, "expired at the TTL: first once")
          yield* TestClock.adjust(ttl - 1)
          assert.isFalse(yield* deduplication.claim(tenant.id, id), "the new claim is remembered for a TTL")
        })
      )
  )

  it.effect("a duplicate claim does not extend the TTL; other keys keep their own", () =>
    onTestClock(
      Effect.gen(function* () {
        const deduplication = yield* WebhookDeduplication
        const { tenant } = yield* freshTenant()
        const early = freshId()
        const late = freshId()
        assert.isTrue(yield* deduplication.claim(tenant.id, early))
        yield* TestClock.adjust(Math.floor(ttl / 2))
        assert.isFalse(yield* deduplication.claim(tenant.id, early))
        assert.isTrue(yield* deduplication.claim(tenant.id, late))
        yield* TestClock.adjust(ttl - Math.floor(ttl / 2))
        assert.isTrue(yield* deduplication.claim(tenant.id, early), "expired a TTL after its first claim")
        assert.isFalse(
          yield* deduplication.claim(tenant.id, late),
          "claimed half a TTL ago: still remembered"
        )
      })
    )
  )
}

/**
 * Runs the WebhookDeduplication contract against one implementation, built once for the suite (tests isolate
 * themselves with fresh tenants and ids). `options.ttl` is the TTL the implementation was built with.
 */
export const webhookDeduplicationContract = (
  name: string,
  implementation: Layer.Layer<Repositories | WebhookDeduplication, unknown>,
  options: WebhookDeduplicationContractOptions = {}
): void =>
  layer(implementation, { excludeTestServices: true })(`WebhookDeduplication contract (${name})`, (it) =>
    webhookDeduplicationTests(it, options)
  )
