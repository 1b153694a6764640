import { Context, type Effect, type Redacted, Schema } from "effect"

/**
 * A sealed value did not open: `Malformed` (not a sealed value of a known format), `UnknownKey` (sealed with a
 * key id that is not configured), `Unauthentic` (any byte changed, the wrong associated data, or the wrong key).
 */
export class SecretBoxError extends Schema.TaggedError<SecretBoxError>()("SecretBoxError", {
  reason: Schema.Literals(["Malformed", "UnknownKey", "Unauthentic"])
}) {}

/**
 * Authenticated encryption of secrets at rest (TOTP seeds, third-party credentials; ASVS 11.3.3).
 *
 * Guarantees:
 * - `seal` output is a printable string that carries its format version and the id of the key that sealed it;
 *   two seals of the same plaintext differ (fresh random nonce).
 * - Authenticated: changing any character of a sealed value makes `open` fail with `SecretBoxError`, never
 *   return other plaintext.
 * - `associatedData` binds a ciphertext to its row (e.g. `tenantId/userId/totp`): it is not stored, and `open`
 *   must be given the same text, so a sealed value copied to another row does not open. Absent = "".
 * - Key rotation: `seal` always uses the current key; `open` works with every configured key, so values sealed
 *   under an older key still open until they are re-sealed.
 * - The plaintext is only ever handled as `Redacted` (never logged).
 */
export class SecretBox extends Context.Service<
  SecretBox,
  {
    readonly seal: (plaintext: Redacted.Redacted<string>, associatedData?: string) => Effect.Effect<string>
    readonly open: (
      sealed: string,
      associatedData?: string
    ) => Effect.Effect<Redacted.Redacted<string>, SecretBoxError>
  }
>()("@gatehouse/domain/SecretBox") {}
