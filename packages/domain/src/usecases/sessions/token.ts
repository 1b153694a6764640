import { Effect, Option, Redacted, Schema } from "effect"
import { constantTimeEqualBytes } from "../../bytes/constantTimeEqual.ts"
import { base64url, fromHex, sha256, sha256Hex } from "../../bytes/encoding.ts"
import { SessionId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import { SecureRandom } from "../../ports/SecureRandom.ts"

/** 32 bytes = 256 bits of secret (ASVS 11.5.1 asks for at least 128). */
const SECRET_BYTES = 32
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/
const isSessionId = Schema.is(SessionId)

/** A new session token and what is stored of it. */
export interface NewSessionToken {
  readonly id: SessionId
  /** `<id>.<secret>`: given to the client once, never stored. */
  readonly token: Redacted.Redacted<string>
  /** SHA-256 of the secret, lower-case hex: the only form stored. */
  readonly secretHash: string
}

/** Mints a token `<id>.<secret>` with 32 bytes of CSPRNG secret (base64url). */
export const newSessionToken: Effect.Effect<NewSessionToken, never, SecureRandom> = Effect.gen(function* () {
  const id = yield* newId<SessionId>()
  const secret = base64url(yield* (yield* SecureRandom).bytes(SECRET_BYTES))
  const secretHash = yield* sha256Hex(secret)
  return { id, token: Redacted.make(`${id}.${secret}`), secretHash }
})

export interface ParsedSessionToken {
  readonly id: SessionId
  readonly secret: Redacted.Redacted<string>
}

/** Splits a presented token; `None` for anything that is not `<uuid>.<43 base64url characters>`. */
export const parseSessionToken = (
  token: string | Redacted.Redacted<string>
): Option.Option<ParsedSessionToken> => {
  const text = typeof token === "string" ? token : Redacted.value(token)
  const dot = text.indexOf(".")
  if (dot < 0) return Option.none()
  const id = text.slice(0, dot)
  const secret = text.slice(dot + 1)
  if (!isSessionId(id) || !SECRET_PATTERN.test(secret)) return Option.none()
  return Option.some({ id, secret: Redacted.make(secret) })
}

/** The session id a token names (not a secret: ids appear in session listings), e.g. to mark "this device". */
export const sessionIdOfToken = (token: string | Redacted.Redacted<string>): Option.Option<SessionId> =>
  Option.map(parseSessionToken(token), (parsed) => parsed.id)

/** Whether the presented secret hashes to the stored hash, compared in constant time. */
export const secretMatches = (
  secret: Redacted.Redacted<string>,
  storedHash: string
): Effect.Effect<boolean> =>
  Effect.map(sha256(Redacted.value(secret)), (digest) => {
    const stored = fromHex(storedHash)
    return stored !== undefined && constantTimeEqualBytes(digest, stored)
  })
