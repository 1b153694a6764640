import { Effect, Redacted } from "effect"
import type { PasswordBlocklist } from "../ports/PasswordBlocklist.ts"
import type { SecureRandom } from "../ports/SecureRandom.ts"
import { checkPassword } from "./checkPassword.ts"
import type { PasswordPolicy } from "./PasswordPolicy.ts"
import { applicableMinLength, type PasswordContext } from "./rules.ts"
import { uniformInt } from "./uniformInt.ts"

// Alphabets without look-alikes: no 0/O/o, no 1/l/I, and no symbol that reads as a letter (|) or breaks
// copying (quotes, backslash, back-tick, white space).
export const GENERATOR_ALPHABETS = {
  lowercase: "abcdefghijkmnpqrstuvwxyz",
  uppercase: "ABCDEFGHJKLMNPQRSTUVWXYZ",
  digit: "23456789",
  symbol: "!#$%&*+-=?@^_"
} as const

/** A generated password that still fails its policy after this many draws means a broken blocklist. */
const MAX_ATTEMPTS = 100

const pick = (alphabet: string): Effect.Effect<string, never, SecureRandom> =>
  Effect.map(uniformInt(alphabet.length), (i) => alphabet[i]!)

/** Fisher-Yates with unbiased indices: every permutation equally likely. */
const shuffle = <A>(items: Array<A>): Effect.Effect<Array<A>, never, SecureRandom> =>
  Effect.gen(function* () {
    for (let i = items.length - 1; i > 0; i--) {
      const j = yield* uniformInt(i + 1)
      const tmp = items[i]!
      items[i] = items[j]!
      items[j] = tmp
    }
    return items
  })

/** The length a generated password gets: the policy's `generatedLength`, raised to the minimum that applies. */
export const generatedLengthFor = (policy: PasswordPolicy, context: PasswordContext = {}): number =>
  // The clamp to maxLength only matters for an inconsistent policy (generatedLength above the maximum).
  Math.min(Math.max(policy.generatedLength, applicableMinLength(policy, context)), policy.maxLength)

const draw = (policy: PasswordPolicy, length: number): Effect.Effect<string, never, SecureRandom> =>
  Effect.gen(function* () {
    const { lowercase, uppercase, digit, symbol } = GENERATOR_ALPHABETS
    const required = [
      policy.requireLowercase ? lowercase : undefined,
      policy.requireUppercase ? uppercase : undefined,
      policy.requireDigit ? digit : undefined,
      policy.requireSymbol ? symbol : undefined
    ].filter((alphabet) => alphabet !== undefined)
    // Symbols only when required: without them the password is easier to type and copy, at a small cost in
    // entropy per character that the length makes up for.
    const pool = lowercase + uppercase + digit + (policy.requireSymbol ? symbol : "")
    const chars: Array<string> = []
    for (const alphabet of required) chars.push(yield* pick(alphabet))
    while (chars.length < length) chars.push(yield* pick(pool))
    // One character of each required class, at random positions.
    return (yield* shuffle(chars)).join("")
  })

/**
 * A password that passes `checkPassword(policy, password, context)`: drawn from the CSPRNG (uniform, no modulo
 * bias), `generatedLengthFor(policy, context)` characters long, with one character of each required class at
 * a random position and no look-alike characters. A draw that the blocklist or a context word rejects (rare)
 * is thrown away and drawn again.
 */
export const generatePassword = (
  policy: PasswordPolicy,
  context: PasswordContext = {}
): Effect.Effect<Redacted.Redacted<string>, never, SecureRandom | PasswordBlocklist> =>
  Effect.gen(function* () {
    const length = generatedLengthFor(policy, context)
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const password = Redacted.make(yield* draw(policy, length))
      if ((yield* checkPassword(policy, password, context)).ok) return password
    }
    // Only a blocklist that blocks (nearly) everything gets here: a misconfiguration, not a client mistake.
    return yield* Effect.die(new Error(`generatePassword: no acceptable password in ${MAX_ATTEMPTS} draws`))
  })
