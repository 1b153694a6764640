import { createHash } from "node:crypto"
import { Sha256, type Sha256Digest } from "@gatehouse/domain"
import { Effect, Layer } from "effect"

/** Node's synchronous SHA-256 (OpenSSL): a few microseconds for a token, no thread-pool job. */
export const nodeSha256: Sha256Digest = {
  digest: (data) => Effect.sync(() => new Uint8Array(createHash("sha256").update(data).digest()))
}

/** Provides `Sha256` with Node's implementation instead of Web Crypto's. */
export const layer: Layer.Layer<never> = Layer.succeed(Sha256, nodeSha256)
