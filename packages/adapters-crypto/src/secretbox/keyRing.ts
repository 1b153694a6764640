import { createSecretKey, type KeyObject, randomBytes } from "node:crypto"
import { Effect, Redacted, Schema } from "effect"

/** The configured key ring cannot be used. The message names the key id, never key material. */
export class InvalidKeyRing extends Schema.TaggedError<InvalidKeyRing>()("InvalidKeyRing", {
  message: Schema.String
}) {}

/** Keys by id; `currentKeyId` seals, every key opens. Keys are node KeyObjects, which never print their bytes. */
export interface KeyRing {
  readonly currentKeyId: string
  readonly keys: ReadonlyMap<string, KeyObject>
}

export const KEY_BYTES = 32
/** The id given to a ring configured as one bare base64 key. */
export const DEFAULT_KEY_ID = "k1"

// No "." (the sealed format's separator), ":" or "," (the ring's separators).
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/

const fail = (message: string) => Effect.fail(new InvalidKeyRing({ message }))

/**
 * Parses `"kid1:base64,kid2:base64"` (the first key is current; older keys follow, to open existing values) or a
 * single bare base64 key (id "k1"). Each key must decode (base64 or base64url) to exactly 32 bytes.
 */
export const parseKeyRing = (
  text: string | Redacted.Redacted<string>
): Effect.Effect<KeyRing, InvalidKeyRing> =>
  Effect.suspend(() => {
    const raw = (typeof text === "string" ? text : Redacted.value(text)).trim()
    if (raw === "") return fail("The SecretBox key ring is empty")
    const entries = raw.split(",").map((entry) => entry.trim())
    const keys = new Map<string, KeyObject>()
    for (const [index, entry] of entries.entries()) {
      const colon = entry.indexOf(":")
      if (colon < 0 && entries.length > 1)
        return fail("Each key of a ring of several keys needs an id: kid:base64")
      const kid = colon < 0 ? DEFAULT_KEY_ID : entry.slice(0, colon).trim()
      const material = colon < 0 ? entry : entry.slice(colon + 1).trim()
      // An invalid id may be key material pasted in the wrong place: name its position, never its text.
      if (!KEY_ID.test(kid)) return fail(`Key ${index + 1} has an invalid id: use 1-32 of A-Z a-z 0-9 _ -`)
      if (keys.has(kid)) return fail(`Key id "${kid}" appears twice`)
      if (!BASE64.test(material)) return fail(`Key "${kid}" is not base64`)
      const bytes = Buffer.from(material, "base64")
      if (bytes.length !== KEY_BYTES) {
        return fail(`Key "${kid}" must be ${KEY_BYTES} bytes (AES-256), got ${bytes.length}`)
      }
      keys.set(kid, createSecretKey(bytes))
      bytes.fill(0)
    }
    return Effect.succeed({ currentKeyId: [...keys.keys()][0]!, keys })
  })

/** A new random key in the form the ring accepts (e.g. for `gatehouse keys new` or a test). */
export const newKey = (): Redacted.Redacted<string> =>
  Redacted.make(randomBytes(KEY_BYTES).toString("base64"))
