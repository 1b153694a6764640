import { Schema, SchemaTransformation } from "effect"

// Deliberately conservative (RFC 5321 dot-atom local part, a dotted domain): normalise first, then validate,
// so two spellings of one address can never become two accounts (Auth.js GHSA-xv97-c62v-4587).
const EMAIL_RE =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/u

/** A login email: trimmed and lower-cased on decode, then validated. */
export const Email = Schema.String.pipe(
  Schema.decodeTo(
    Schema.String.check(
      Schema.isLowercased(),
      Schema.isMaxLength(254),
      Schema.isPattern(EMAIL_RE, { message: "Invalid email address" })
    ).pipe(Schema.brand("Email")),
    SchemaTransformation.composeTransformation(
      SchemaTransformation.trim(),
      SchemaTransformation.toLowerCase()
    )
  )
)
export type Email = typeof Email.Type

/** The local part of an address, used as a context word by the password policy. */
export const emailLocalPart = (email: Email): string => email.slice(0, email.lastIndexOf("@"))
