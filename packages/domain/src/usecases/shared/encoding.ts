import { Effect } from "effect"

/** base64url without padding (RFC 4648 section 5): the text form of token secrets. */
export const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/u, "")

/** Lower-case hex of bytes. */
export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

/** SHA-256 of a string's UTF-8 bytes, lower-case hex (Web Crypto). */
export const sha256Hex = (value: string): Effect.Effect<string> =>
  Effect.promise(() => globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(value))).pipe(
    Effect.map((digest) => toHex(new Uint8Array(digest)))
  )
