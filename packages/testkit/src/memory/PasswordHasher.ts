import { PasswordHasher } from "@gatehouse/domain"
import { Effect, Layer, Redacted } from "effect"

const encoder = new TextEncoder()

const digest = async (salt: string, password: string): Promise<string> => {
  const bytes = await globalThis.crypto.subtle.digest("SHA-256", encoder.encode(`${salt}\u0000${password}`))
  return btoa(String.fromCodePoint(...new Uint8Array(bytes)))
}

/**
 * A FAST, NOT SECURE hasher for unit tests (salted SHA-256 in a PHC-like string). It keeps the contract of the
 * port (fresh salt, exact comparison, malformed hash is invalid) so tests exercise the same paths as argon2id.
 */
export const layerFake: Layer.Layer<PasswordHasher> = Layer.succeed(
  PasswordHasher,
  PasswordHasher.of({
    hash: (password) =>
      Effect.promise(async () => {
        const salt = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(8)), (b) =>
          b.toString(16)
        ).join("")
        return `$fake-sha256$${salt}$${await digest(salt, Redacted.value(password))}`
      }),
    verify: (hash, password) =>
      Effect.promise(async () => {
        const [, scheme, salt, expected] = hash.split("$")
        if (scheme !== "fake-sha256" || salt === undefined || expected === undefined)
          return { valid: false, needsRehash: false }
        return { valid: (await digest(salt, Redacted.value(password))) === expected, needsRehash: false }
      }),
    verifyDummy: (password) =>
      Effect.promise(() => digest("dummy", Redacted.value(password))).pipe(Effect.asVoid)
  })
)
