import { Effect } from "effect"
import { Sha256 } from "../ports/Sha256.ts"

/** base64url without padding (RFC 4648 section 5): the text form of token secrets and cursors. */
export const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/u, "")

/** The bytes of base64url (or base64) text, padded or not; undefined when it is not base64. */
export const fromBase64url = (text: string): Uint8Array | undefined => {
  try {
    return Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0))
  } catch {
    return undefined
  }
}

/** Lower-case hex of bytes. */
export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

/** The bytes of hex text (either case); undefined when it is not hex. */
export const fromHex = (hex: string): Uint8Array | undefined => {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/iu.test(hex)) return undefined
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

/** SHA-256 of a string's UTF-8 bytes (the `Sha256` in force: Web Crypto unless a faster one is provided). */
export const sha256 = (value: string): Effect.Effect<Uint8Array> =>
  Effect.flatMap(Sha256, (hash) => hash.digest(new TextEncoder().encode(value)))

/** SHA-256 of a string's UTF-8 bytes, lower-case hex. */
export const sha256Hex = (value: string): Effect.Effect<string> => Effect.map(sha256(value), toHex)
