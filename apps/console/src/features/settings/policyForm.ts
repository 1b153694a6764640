import { nistPolicy, type PasswordPolicy, productPolicy } from "@gatehouse/domain"
import type { PasswordPolicyInput } from "./api/settings.ts"

export type PolicyPreset = PasswordPolicy["preset"]

/** The form's values: numbers as typed (an empty field is ""), the MFA minimum empty when it follows minLength. */
export interface PolicyFormValues {
  readonly preset: PolicyPreset
  readonly minLength: number | string
  readonly minLengthWithMfa: number | string
  readonly maxLength: number | string
  readonly generatedLength: number | string
  readonly requireLowercase: boolean
  readonly requireUppercase: boolean
  readonly requireDigit: boolean
  readonly requireSymbol: boolean
}

/** The domain's presets: their values are shown, not edited, while a preset is chosen. */
export const PRESET_POLICIES: Readonly<Record<Exclude<PolicyPreset, "custom">, PasswordPolicy>> = {
  product: productPolicy,
  nist: nistPolicy
}

export const formValuesOf = (policy: PasswordPolicy): PolicyFormValues => ({
  preset: policy.preset,
  minLength: policy.minLength,
  minLengthWithMfa: policy.minLengthWithMfa ?? "",
  maxLength: policy.maxLength,
  generatedLength: policy.generatedLength,
  requireLowercase: policy.requireLowercase,
  requireUppercase: policy.requireUppercase,
  requireDigit: policy.requireDigit,
  requireSymbol: policy.requireSymbol
})

// A half-typed number previews as 0 (the domain's rules then judge it); the server checks what is sent.
const numberOf = (value: number | string): number => (typeof value === "number" ? value : Number(value) || 0)

/** The policy the form describes: a preset's own values, or the typed rules. */
export const policyOf = (values: PolicyFormValues): PasswordPolicy =>
  values.preset === "custom"
    ? {
        preset: "custom",
        minLength: numberOf(values.minLength),
        minLengthWithMfa: values.minLengthWithMfa === "" ? null : numberOf(values.minLengthWithMfa),
        maxLength: numberOf(values.maxLength),
        generatedLength: numberOf(values.generatedLength),
        requireLowercase: values.requireLowercase,
        requireUppercase: values.requireUppercase,
        requireDigit: values.requireDigit,
        requireSymbol: values.requireSymbol
      }
    : PRESET_POLICIES[values.preset]

/** The body of `PUT /v1/password-policy`: the preset's name, or every rule value. */
export const requestOf = (values: PolicyFormValues): PasswordPolicyInput => {
  if (values.preset !== "custom") return { preset: values.preset }
  const { preset: _preset, ...rules } = policyOf(values)
  return { preset: "custom", ...rules }
}
