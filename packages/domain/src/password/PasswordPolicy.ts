import { Schema } from "effect"

/**
 * A tenant's password rules. Always on, whatever the values: length counted in code points, nothing
 * trimmed, common passwords and context words (email local part, names, tenant name) refused, and a
 * maximum of at least 64 allowed.
 */
export const PasswordPolicy = Schema.Struct({
  /** Which preset the values came from, or `custom`. */
  preset: Schema.Literals(["product", "nist", "custom"]),
  minLength: Schema.Int.check(Schema.isBetween({ minimum: 8, maximum: 256 })),
  /** The minimum for users with TOTP enrolled (NIST allows 8 behind a second factor); null: minLength. */
  minLengthWithMfa: Schema.NullOr(Schema.Int.check(Schema.isBetween({ minimum: 8, maximum: 256 }))),
  maxLength: Schema.Int.check(Schema.isBetween({ minimum: 64, maximum: 1024 })),
  requireLowercase: Schema.Boolean,
  requireUppercase: Schema.Boolean,
  requireDigit: Schema.Boolean,
  requireSymbol: Schema.Boolean,
  /** Length of generated passwords; raised to the minimum when lower. */
  generatedLength: Schema.Int.check(Schema.isBetween({ minimum: 8, maximum: 256 }))
})
export type PasswordPolicy = typeof PasswordPolicy.Type

/** The product documents' rule: at least 8 characters with a lower-case letter, an upper-case letter and a
 * digit. A composition rule, which NIST and ASVS 6.2.5 advise against: kept because the products state it. */
export const productPolicy: PasswordPolicy = {
  preset: "product",
  minLength: 8,
  minLengthWithMfa: null,
  maxLength: 128,
  requireLowercase: true,
  requireUppercase: true,
  requireDigit: true,
  requireSymbol: false,
  generatedLength: 8
}

/** NIST SP 800-63B-4: 15 for single-factor accounts, 8 behind TOTP, no composition rules. */
export const nistPolicy: PasswordPolicy = {
  preset: "nist",
  minLength: 15,
  minLengthWithMfa: 8,
  maxLength: 128,
  requireLowercase: false,
  requireUppercase: false,
  requireDigit: false,
  requireSymbol: false,
  generatedLength: 20
}
