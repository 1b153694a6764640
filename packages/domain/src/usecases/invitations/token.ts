import { Effect, Option, Redacted, Schema } from "effect"
import { base64url, sha256Hex } from "../../bytes/encoding.ts"
import { InvitationId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import { SecureRandom } from "../../ports/SecureRandom.ts"

export { sha256Hex }

/** 32 random bytes: 256 bits of secret, far above the 128 a token needs (ASVS 11.5.1). */
const SECRET_BYTES = 32
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/u

export interface NewSetupToken {
  readonly id: InvitationId
  /** `<id>.<secret>`: shown once (in the link), never stored. */
  readonly token: Redacted.Redacted<string>
  readonly secretHash: string
}

/** A fresh token `<invitation id>.<base64url of 32 CSPRNG bytes>` and the SHA-256 of its secret. */
export const newSetupToken: Effect.Effect<NewSetupToken, never, SecureRandom> = Effect.gen(function* () {
  const id = yield* newId<InvitationId>()
  const secret = base64url(yield* (yield* SecureRandom).bytes(SECRET_BYTES))
  return { id, token: Redacted.make(`${id}.${secret}`), secretHash: yield* sha256Hex(secret) }
})

const isInvitationId = Schema.is(InvitationId)

/** Splits a presented token; none when it is not `<uuid>.<43 base64url characters>`. */
export const parseSetupToken = (
  token: string
): Option.Option<{ readonly id: InvitationId; readonly secret: string }> => {
  const dot = token.indexOf(".")
  if (dot < 0) return Option.none()
  const id = token.slice(0, dot)
  const secret = token.slice(dot + 1)
  return isInvitationId(id) && SECRET_PATTERN.test(secret) ? Option.some({ id, secret }) : Option.none()
}
