import { nistPolicy, type PasswordContext, type PasswordPolicy, productPolicy } from "@gatehouse/domain"
import fc from "fast-check"

/**
 * Any valid password policy: the field bounds of `PasswordPolicy` plus the cross-field rules an update
 * enforces (min <= max, MFA minimum <= min, generatedLength <= max), and the two presets.
 */
export const customPolicy: fc.Arbitrary<PasswordPolicy> = fc
  .integer({ min: 8, max: 256 })
  .chain((minLength) =>
    fc.integer({ min: Math.max(64, minLength), max: 1024 }).chain((maxLength) =>
      fc.record({
        preset: fc.constant("custom" as const),
        minLength: fc.constant(minLength),
        minLengthWithMfa: fc.option(fc.integer({ min: 8, max: minLength }), { nil: null }),
        maxLength: fc.constant(maxLength),
        requireLowercase: fc.boolean(),
        requireUppercase: fc.boolean(),
        requireDigit: fc.boolean(),
        requireSymbol: fc.boolean(),
        generatedLength: fc.integer({ min: 8, max: Math.min(256, maxLength) })
      })
    )
  )

export const anyPolicy: fc.Arbitrary<PasswordPolicy> = fc.oneof(
  { arbitrary: customPolicy, weight: 8 },
  { arbitrary: fc.constant(productPolicy), weight: 1 },
  { arbitrary: fc.constant(nistPolicy), weight: 1 }
)

// Short words over the generator's own letters, so a context word can actually occur in a generated password.
const word = fc.stringMatching(/^[a-km-zA-HJ-NP-Z2-9]{1,6}$/)

export const anyContext: fc.Arbitrary<PasswordContext> = fc.record(
  {
    email: fc.tuple(word, word).map(([local, domain]) => `${local}@${domain}.example`),
    firstName: word,
    lastName: fc.tuple(word, word).map(([a, b]) => `${a}-${b}`),
    tenantName: fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
    hasMfa: fc.boolean()
  },
  { requiredKeys: [] }
)
