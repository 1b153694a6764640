import { Effect, Redacted } from "effect"
import { SecureRandom } from "../ports/SecureRandom.ts"
import type { PasswordPolicy } from "./PasswordPolicy.ts"

// PLACEHOLDER until the password-policy work lands.
export const generatePassword = (
  policy: PasswordPolicy
): Effect.Effect<Redacted.Redacted<string>, never, SecureRandom> =>
  Effect.gen(function* () {
    const bytes = yield* (yield* SecureRandom).bytes(policy.generatedLength)
    return Redacted.make(`Aa1${Array.from(bytes, (b) => "abcdefghijkmnpqrstuvwxyz"[b % 24]).join("")}`)
  })
