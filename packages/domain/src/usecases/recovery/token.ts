import { Effect, Option, Redacted, Schema } from "effect"
import { base64url, sha256Hex } from "../../bytes/encoding.ts"
import { OneTimeTokenId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import { SecureRandom } from "../../ports/SecureRandom.ts"

/** 32 random bytes: 256 bits of secret, far above the 128 a token needs (ASVS 11.5.1). */
const SECRET_BYTES = 32
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/u

/** A one-time token as presented (from a link's fragment, sent in a POST body); a secret, so Redacted. */
export const OneTimeTokenInput = Schema.RedactedFromValue(Schema.String.check(Schema.isMaxLength(200)))

export interface NewOneTimeToken {
  readonly id: OneTimeTokenId
  /** `<id>.<secret>`: shown once (in the emailed link), never stored. */
  readonly token: Redacted.Redacted<string>
  readonly secretHash: string
}

/** A fresh token `<id>.<base64url of 32 CSPRNG bytes>` and the SHA-256 of its secret. */
export const newOneTimeToken: Effect.Effect<NewOneTimeToken, never, SecureRandom> = Effect.gen(function* () {
  const id = yield* newId<OneTimeTokenId>()
  const secret = base64url(yield* (yield* SecureRandom).bytes(SECRET_BYTES))
  return { id, token: Redacted.make(`${id}.${secret}`), secretHash: yield* sha256Hex(secret) }
})

const isTokenId = Schema.is(OneTimeTokenId)

/** Splits a presented token; none when it is not `<uuid>.<43 base64url characters>`. */
export const parseOneTimeToken = (
  token: string
): Option.Option<{ readonly id: OneTimeTokenId; readonly secret: string }> => {
  const dot = token.indexOf(".")
  if (dot < 0) return Option.none()
  const id = token.slice(0, dot)
  const secret = token.slice(dot + 1)
  return isTokenId(id) && SECRET_PATTERN.test(secret) ? Option.some({ id, secret }) : Option.none()
}

/** The page of a link; the token travels in the fragment, which browsers never send to a server. */
export const pageLink = (publicUrl: string, page: "password-reset" | "verify-email", token: string): string =>
  `${publicUrl.replace(/\/+$/u, "")}/${page}#token=${encodeURIComponent(token)}`
