import { Effect, Schema } from "effect"

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

/** The text is not RFC 4648 base32 (a character outside the alphabet, or an impossible length). */
export class InvalidBase32 extends Schema.TaggedError<InvalidBase32>()("InvalidBase32", {
  message: Schema.String
}) {}

/** RFC 4648 base32, upper case and without `=` padding (the form authenticator apps expect in otpauth URIs). */
export const encodeBase32 = (bytes: Uint8Array): string => {
  let out = ""
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += ALPHABET[(buffer >>> bits) & 31]
    }
    // keep only the bits not yet written, so the buffer never outgrows 32 bits
    buffer &= (1 << bits) - 1
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31]
  return out
}

/**
 * Decodes RFC 4648 base32. Tolerant of what people paste: lower case, spaces, dashes and `=` padding are
 * ignored. Fails with `InvalidBase32` for any other character or a length no byte string encodes to.
 */
export const decodeBase32 = (text: string): Effect.Effect<Uint8Array, InvalidBase32> =>
  Effect.suspend(() => {
    const clean = text.replace(/[\s=-]/g, "").toUpperCase()
    // 1, 3 and 6 trailing characters carry too few bits for a whole byte: no encoder produces them
    if ([1, 3, 6].includes(clean.length % 8)) {
      return Effect.fail(new InvalidBase32({ message: "Base32 text has an impossible length" }))
    }
    const out = new Uint8Array(Math.floor((clean.length * 5) / 8))
    let buffer = 0
    let bits = 0
    let index = 0
    for (const char of clean) {
      const value = ALPHABET.indexOf(char)
      if (value < 0)
        return Effect.fail(new InvalidBase32({ message: "Base32 text has a character outside A-Z, 2-7" }))
      buffer = ((buffer << 5) | value) & 0xffff
      bits += 5
      if (bits >= 8) {
        bits -= 8
        out[index++] = (buffer >>> bits) & 0xff
      }
    }
    return Effect.succeed(out)
  })
