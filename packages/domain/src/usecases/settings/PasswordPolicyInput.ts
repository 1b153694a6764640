import { Effect, Schema } from "effect"
import type { InvalidInput } from "../../errors/validation.ts"
import { nistPolicy, PasswordPolicy, productPolicy } from "../../password/PasswordPolicy.ts"
import { inputDecoder } from "../../validation/decodeInput.ts"

const { fields } = PasswordPolicy

/** Switch the tenant to a preset's password rules. */
export const PasswordPolicyPresetInput = Schema.Struct({ preset: Schema.Literals(["product", "nist"]) })
export type PasswordPolicyPresetInput = typeof PasswordPolicyPresetInput.Type

/**
 * Explicit rule values (stored with `preset: "custom"`). Every value is required (no hidden defaults). Beyond
 * the per-field bounds (maxLength >= 64): minLength <= maxLength, the MFA minimum <= minLength, and
 * generatedLength <= maxLength, so the generator can always satisfy the policy.
 */
export const PasswordPolicyRulesInput = Schema.Struct({
  preset: Schema.optionalKey(Schema.Literal("custom")),
  minLength: fields.minLength,
  minLengthWithMfa: fields.minLengthWithMfa,
  maxLength: fields.maxLength,
  requireLowercase: fields.requireLowercase,
  requireUppercase: fields.requireUppercase,
  requireDigit: fields.requireDigit,
  requireSymbol: fields.requireSymbol,
  generatedLength: fields.generatedLength
}).check(
  Schema.makeFilter((p) => {
    const issues: Array<Schema.FilterIssue> = []
    if (p.minLength > p.maxLength)
      issues.push({ path: ["minLength"], issue: "minLength must not exceed maxLength" })
    if (p.minLengthWithMfa !== null && p.minLengthWithMfa > p.minLength)
      issues.push({ path: ["minLengthWithMfa"], issue: "minLengthWithMfa must not exceed minLength" })
    if (p.generatedLength > p.maxLength)
      issues.push({ path: ["generatedLength"], issue: "generatedLength must not exceed maxLength" })
    return issues
  })
)
export type PasswordPolicyRulesInput = typeof PasswordPolicyRulesInput.Type

/** The body of a password-policy update: a preset, or explicit rule values. */
export const UpdatePasswordPolicyInput = Schema.Union([PasswordPolicyPresetInput, PasswordPolicyRulesInput])
export type UpdatePasswordPolicyInput = typeof UpdatePasswordPolicyInput.Type

const decodePreset = inputDecoder(PasswordPolicyPresetInput)
const decodeRules = inputDecoder(PasswordPolicyRulesInput)

const isPresetChoice = (input: unknown): boolean =>
  typeof input === "object" &&
  input !== null &&
  "preset" in input &&
  (input.preset === "product" || input.preset === "nist")

/**
 * Validates an update (also when the caller is not HTTP) and resolves it into the policy to store. Decodes
 * against the one member the `preset` selects, so a refusal lists only that member's problems; unknown
 * properties are refused.
 */
export const resolvePasswordPolicy = (input: unknown): Effect.Effect<PasswordPolicy, InvalidInput> =>
  isPresetChoice(input)
    ? decodePreset(input).pipe(
        Effect.map(({ preset }) => (preset === "product" ? productPolicy : nistPolicy))
      )
    : decodeRules(input).pipe(
        Effect.map(({ preset: _preset, ...rules }): PasswordPolicy => ({ preset: "custom", ...rules }))
      )
