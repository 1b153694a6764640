import { randomBytes } from "node:crypto"
import { SecretBox, SecretBoxError } from "@gatehouse/domain"
import { Effect, Layer, Redacted } from "effect"
import { aes256GcmOpen, aes256GcmSeal, IV_BYTES, TAG_BYTES } from "./aesGcm.ts"
import { type InvalidKeyRing, type KeyRing, parseKeyRing } from "./keyRing.ts"

export { DEFAULT_KEY_ID, InvalidKeyRing, KEY_BYTES, type KeyRing, newKey, parseKeyRing } from "./keyRing.ts"

const VERSION = "v1"

// The header (version and key id) is authenticated with the caller's associated data, so neither can be
// swapped without failing the tag. A key id holds no ".", so the header ends unambiguously.
const aadOf = (kid: string, associatedData: string | undefined): Buffer =>
  Buffer.from(`${VERSION}.${kid}.${associatedData ?? ""}`, "utf8")

// Strict base64url: a value that re-encodes differently (stray padding bits, other alphabet) is refused, so
// every character of a sealed value is significant.
const decodeCanonical = (text: string | undefined): Buffer | undefined => {
  if (text === undefined || !/^[A-Za-z0-9_-]*$/.test(text)) return undefined
  const bytes = Buffer.from(text, "base64url")
  return bytes.toString("base64url") === text ? bytes : undefined
}

const failure = (reason: SecretBoxError["reason"]) => Effect.fail(new SecretBoxError({ reason }))

/**
 * The `SecretBox` on AES-256-GCM (node:crypto). Sealed form: `v1.<kid>.<iv base64url>.<ciphertext+tag
 * base64url>` with a fresh random 12-byte IV per seal; the current key seals, any key of the ring opens.
 */
export const make = (keyRing: KeyRing): SecretBox["Service"] => {
  const currentKey = keyRing.keys.get(keyRing.currentKeyId)
  if (currentKey === undefined)
    throw new Error(`The current key "${keyRing.currentKeyId}" is not in the ring`)

  const seal = (plaintext: Redacted.Redacted<string>, associatedData?: string): Effect.Effect<string> =>
    Effect.sync(() => {
      const kid = keyRing.currentKeyId
      const iv = randomBytes(IV_BYTES)
      const body = aes256GcmSeal(
        currentKey,
        iv,
        Buffer.from(Redacted.value(plaintext), "utf8"),
        aadOf(kid, associatedData)
      )
      return `${VERSION}.${kid}.${iv.toString("base64url")}.${body.toString("base64url")}`
    })

  const open = (
    sealed: string,
    associatedData?: string
  ): Effect.Effect<Redacted.Redacted<string>, SecretBoxError> =>
    Effect.suspend(() => {
      const parts = sealed.split(".")
      if (parts.length !== 4 || parts[0] !== VERSION) return failure("Malformed")
      const kid = parts[1]!
      const iv = decodeCanonical(parts[2])
      const body = decodeCanonical(parts[3])
      if (iv?.length !== IV_BYTES || body === undefined || body.length < TAG_BYTES)
        return failure("Malformed")
      const key = keyRing.keys.get(kid)
      if (key === undefined) return failure("UnknownKey")
      const plaintext = aes256GcmOpen(key, iv, body, aadOf(kid, associatedData))
      if (plaintext === undefined) return failure("Unauthentic")
      return Effect.succeed(Redacted.make(plaintext.toString("utf8")))
    })

  return SecretBox.of({ seal, open })
}

/** The AES-256-GCM `SecretBox` from a parsed ring or its configuration text (fails with `InvalidKeyRing`). */
export const layer = (
  keyRing: KeyRing | string | Redacted.Redacted<string>
): Layer.Layer<SecretBox, InvalidKeyRing> =>
  Layer.effect(
    SecretBox,
    Effect.map(
      typeof keyRing === "string" || Redacted.isRedacted(keyRing)
        ? parseKeyRing(keyRing)
        : Effect.succeed(keyRing),
      make
    )
  )
