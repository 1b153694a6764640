import { Context, Effect, Layer } from "effect"

/**
 * Cryptographically secure random bytes (ids, tokens, generated passwords, TOTP secrets). Effect's `Random`
 * is a seeded PRNG, so secrets never come from it.
 */
export class SecureRandom extends Context.Service<
  SecureRandom,
  {
    readonly bytes: (length: number) => Effect.Effect<Uint8Array>
  }
>()("@gatehouse/domain/SecureRandom") {
  /** Web Crypto's CSPRNG (available in Node, Deno, Bun and browsers). */
  static readonly layer: Layer.Layer<SecureRandom> = Layer.succeed(
    SecureRandom,
    SecureRandom.of({
      bytes: (length) => Effect.sync(() => globalThis.crypto.getRandomValues(new Uint8Array(length)))
    })
  )
}
