import { Effect, Redacted } from "effect"
import { sha256Hex } from "../bytes/encoding.ts"
import { SecureRandom } from "../ports/SecureRandom.ts"

// Lower-case RFC 4648 base32: no 0/1/8/9 to confuse with o/l/b/g, and 32 symbols map a byte without bias.
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"

/**
 * Characters per recovery code: 16 base32 characters = 80 bits. The codes are stored as unsalted SHA-256, so
 * the entropy alone must defeat an offline search of a leaked table (50 bits would fall to one GPU in a day).
 */
export const RECOVERY_CODE_LENGTH = 16
const GROUP = 4

/**
 * `count` distinct single-use recovery codes from the CSPRNG, formatted `xxxx-xxxx-xxxx-xxxx` for reading
 * aloud and typing. Show them once; store only `hashRecoveryCode` of each (ASVS 6.5.2).
 */
export const newRecoveryCodes = (count = 10): Effect.Effect<ReadonlyArray<string>, never, SecureRandom> =>
  Effect.gen(function* () {
    const random = yield* SecureRandom
    const codes = new Set<string>()
    while (codes.size < count) {
      const bytes = yield* random.bytes(RECOVERY_CODE_LENGTH)
      const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join("")
      codes.add(chars.match(new RegExp(`.{1,${GROUP}}`, "g"))!.join("-"))
    }
    return [...codes]
  })

/** The comparable form of a recovery code: case, spaces and dashes do not matter. */
export const normaliseRecoveryCode = (code: string): string => code.replace(/[\s-]/g, "").toLowerCase()

/** Hex SHA-256 of the normalised code: the form stored, and the form looked up when a code is used. */
export const hashRecoveryCode = (code: string | Redacted.Redacted<string>): Effect.Effect<string> =>
  sha256Hex(normaliseRecoveryCode(typeof code === "string" ? code : Redacted.value(code)))
