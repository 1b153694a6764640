import { Clock, Context, Duration, Effect, Layer, Ref } from "effect"

/**
 * Remembers the webhook ids already handled (Shopify delivers at least once and retries a delivery it saw
 * no 200 for). Guarantees: `claim` is atomic (of concurrent claims of one key, exactly one gets true); a key is
 * remembered for the TTL after its claim; `release` forgets it (used when processing failed, so the retry is
 * processed).
 */
export class WebhookDeduplication extends Context.Service<
  WebhookDeduplication,
  {
    /** True the first time a key is claimed within the TTL, false after. */
    readonly claim: (key: string) => Effect.Effect<boolean>
    readonly release: (key: string) => Effect.Effect<void>
  }
>()("@gatehouse/adapters-shopify/WebhookDeduplication") {
  /**
   * Claims held in this process's memory, for `ttl` (default 24 hours: Shopify retries a delivery for up to
   * 48 hours, but a retry only follows a failed answer, and a failed one is released). One process only:
   * several server nodes need a shared store (a table with a unique key and an expiry) behind this service.
   * At most `maxEntries` keys are kept; the oldest go first.
   */
  static readonly layerMemory = (
    options: { readonly ttl?: Duration.Input; readonly maxEntries?: number } = {}
  ): Layer.Layer<WebhookDeduplication> =>
    Layer.effect(
      WebhookDeduplication,
      Effect.gen(function* () {
        const ttl = Duration.toMillis(options.ttl ?? "24 hours")
        const maxEntries = options.maxEntries ?? 100_000
        const seen = yield* Ref.make<ReadonlyMap<string, number>>(new Map())
        return WebhookDeduplication.of({
          claim: (key) =>
            Effect.flatMap(Clock.currentTimeMillis, (now) =>
              Ref.modify(seen, (current) => {
                const live = new Map([...current].filter(([, expiresAt]) => expiresAt > now))
                if (live.has(key)) return [false, live] as const
                live.set(key, now + ttl)
                while (live.size > maxEntries) live.delete(live.keys().next().value as string)
                return [true, live] as const
              })
            ),
          release: (key) =>
            Ref.update(seen, (current) => {
              const next = new Map(current)
              next.delete(key)
              return next
            })
        })
      })
    )
}
