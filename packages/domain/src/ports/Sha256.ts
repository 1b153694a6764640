import { Context, Effect } from "effect"

/**
 * SHA-256 (FIPS 180-4), the hash of every high-entropy token the store keeps (session and setup secrets,
 * recovery codes) and of the throttle keys of unknown accounts.
 *
 * Guarantees: `digest` returns the 32-byte SHA-256 of exactly the bytes given (the testkit's known-answer
 * vectors), never fails, and keeps no state between calls.
 *
 * A reference with a default: without a layer it is Web Crypto's `crypto.subtle.digest` (any runtime; in Node
 * each call is a thread-pool job, ~100 us of CPU per call measured on `GET /v1/me`); a server provides a
 * synchronous implementation (adapters-crypto's `NodeSha256`).
 */
export interface Sha256Digest {
  readonly digest: (data: Uint8Array) => Effect.Effect<Uint8Array>
}

/** Web Crypto's SHA-256: the default. */
export const webCryptoSha256: Sha256Digest = {
  digest: (data) =>
    Effect.promise(
      async () =>
        new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>))
    )
}

export const Sha256: Context.Reference<Sha256Digest> = Context.Reference<Sha256Digest>(
  "@gatehouse/domain/Sha256",
  {
    defaultValue: () => webCryptoSha256
  }
)
