import { SecretBox, SecretBoxError } from "@gatehouse/domain"
import { Effect, Layer, Redacted } from "effect"

// A FIXED, PUBLIC key: for tests only. Sealed values look like the real adapter's: `v1.<kid>.<iv>.<ciphertext>`.
const KEY_ID = "test"
const RAW_KEY = new Uint8Array(32).map((_, i) => i + 1)
const encoder = new TextEncoder()

const toBase64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "")

const fromBase64Url = (text: string): Uint8Array | undefined => {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"))
    return Uint8Array.from(binary, (c) => c.charCodeAt(0))
  } catch {
    return undefined
  }
}

const importKey = () =>
  globalThis.crypto.subtle.importKey("raw", RAW_KEY, { name: "AES-GCM" }, false, ["encrypt", "decrypt"])

/**
 * A SecretBox on AES-256-GCM through Web Crypto with a fixed test key. It keeps the port's contract (fresh
 * nonce per seal, any change or other associated data fails `Unauthentic`, unknown key ids `UnknownKey`).
 */
export const layerFake: Layer.Layer<SecretBox> = Layer.succeed(
  SecretBox,
  SecretBox.of({
    seal: (plaintext, associatedData = "") =>
      Effect.promise(async () => {
        const iv = globalThis.crypto.getRandomValues(new Uint8Array(12))
        const sealed = await globalThis.crypto.subtle.encrypt(
          { name: "AES-GCM", iv, additionalData: encoder.encode(associatedData) },
          await importKey(),
          encoder.encode(Redacted.value(plaintext))
        )
        return `v1.${KEY_ID}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`
      }),
    open: (sealed, associatedData = "") =>
      Effect.gen(function* () {
        const parts = sealed.split(".")
        if (parts.length !== 4 || parts[0] !== "v1") return yield* new SecretBoxError({ reason: "Malformed" })
        if (parts[1] !== KEY_ID) return yield* new SecretBoxError({ reason: "UnknownKey" })
        const iv = fromBase64Url(parts[2]!)
        const data = fromBase64Url(parts[3]!)
        if (iv === undefined || data === undefined || iv.length !== 12) {
          return yield* new SecretBoxError({ reason: "Malformed" })
        }
        const plain = yield* Effect.tryPromise({
          try: async () =>
            globalThis.crypto.subtle.decrypt(
              { name: "AES-GCM", iv: Uint8Array.from(iv), additionalData: encoder.encode(associatedData) },
              await importKey(),
              Uint8Array.from(data)
            ),
          catch: () => new SecretBoxError({ reason: "Unauthentic" })
        })
        return Redacted.make(new TextDecoder().decode(plain))
      })
  })
)
