import { nistPolicy, productPolicy } from "@gatehouse/domain"
import { describe, expect, it } from "vitest"
import { formValuesOf, policyOf, requestOf } from "../src/features/settings/policyForm.ts"
import { passwordChecks } from "../src/lib/passwordRules.ts"

describe("the password policy form", () => {
  it("a preset sends its name only and previews the domain's own preset values", () => {
    const values = { ...formValuesOf(productPolicy), preset: "nist" as const, minLength: 99 }
    expect(requestOf(values)).toEqual({ preset: "nist" })
    expect(policyOf(values)).toEqual(nistPolicy)
  })

  it("custom rules send every value; an empty MFA minimum follows the minimum (null)", () => {
    const values = {
      ...formValuesOf(nistPolicy),
      preset: "custom" as const,
      minLength: 12,
      minLengthWithMfa: ""
    }
    expect(requestOf(values)).toEqual({
      ...nistPolicy,
      preset: "custom",
      minLength: 12,
      minLengthWithMfa: null
    })
  })

  it("the preview judges a sample by the rules being edited, not the saved ones", () => {
    const custom = policyOf({
      ...formValuesOf(productPolicy),
      preset: "custom",
      minLength: 10,
      requireSymbol: true
    })
    const verdicts = (password: string) =>
      Object.fromEntries(passwordChecks(custom, password, {}).map((c) => [c.rule, c.passed]))
    expect(verdicts("Abcdefg1")).toMatchObject({ minLength: false, requireSymbol: false, requireDigit: true })
    expect(verdicts("Abcdefgh1!")).toMatchObject({ minLength: true, requireSymbol: true })
    // with two-factor, NIST's shorter minimum applies
    const mfa = passwordChecks(nistPolicy, "abcdefghij", { hasMfa: true })
    expect(mfa.find((c) => c.rule === "minLength")).toEqual({ rule: "minLength", passed: true, count: 8 })
  })
})
