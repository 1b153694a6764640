import { nistPolicy, productPolicy } from "@gatehouse/domain"
import { describe, expect, it } from "vitest"
import { newPasswordState, passwordAccepted, passwordChecks } from "../src/lib/passwordRules.ts"

const context = { email: "olive.owner@acme.test", firstName: "Olive", lastName: "Owner", tenantName: "Acme" }

describe("live password check-marks (the domain's rules, in the browser)", () => {
  it("000's four rules, each on its own", () => {
    const checks = passwordChecks(productPolicy, "abc", context)
    expect(checks.map((check) => [check.rule, check.passed])).toEqual([
      ["minLength", false],
      ["requireLowercase", true],
      ["requireUppercase", false],
      ["requireDigit", false],
      ["noContextWords", true]
    ])
    expect(checks[0]?.count).toBe(8)
    expect(passwordAccepted(checks)).toBe(false)
  })

  it("all green once every rule holds", () => {
    const checks = passwordChecks(productPolicy, "Tq8Nebula", context)
    expect(checks.every((check) => check.passed)).toBe(true)
    expect(passwordAccepted(checks)).toBe(true)
  })

  it("refuses the person's own name, as the server does", () => {
    const checks = passwordChecks(productPolicy, "Olive12345", context)
    expect(checks.find((check) => check.rule === "noContextWords")?.passed).toBe(false)
    expect(passwordAccepted(checks)).toBe(false)
  })

  it("NIST: 15 characters, or 8 behind TOTP; the maximum shows only when exceeded", () => {
    expect(passwordChecks(nistPolicy, "short-but-8", context)[0]).toEqual({
      rule: "minLength",
      passed: false,
      count: 15
    })
    expect(passwordChecks(nistPolicy, "short-but-8", { ...context, hasMfa: true })[0]).toEqual({
      rule: "minLength",
      passed: true,
      count: 8
    })
    const long = passwordChecks(nistPolicy, "x".repeat(129), context)
    expect(long.find((check) => check.rule === "maxLength")).toEqual({
      rule: "maxLength",
      passed: false,
      count: 128
    })
  })
})

describe("a new password being typed (the shared fields of Change Password, /setup and /password-reset)", () => {
  it("not ready while the policy loads, nor until every rule holds and the confirmation matches", () => {
    expect(newPasswordState(undefined, context, "Tq8Nebula", "Tq8Nebula")).toEqual({
      checks: [],
      ready: false
    })
    expect(newPasswordState(productPolicy, context, "Tq8", "Tq8").ready).toBe(false)
    expect(newPasswordState(productPolicy, context, "Tq8Nebula", "Tq8Nebul").ready).toBe(false)
    const done = newPasswordState(productPolicy, context, "Tq8Nebula", "Tq8Nebula")
    expect(done.ready).toBe(true)
    expect(done.checks).toEqual(passwordChecks(productPolicy, "Tq8Nebula", context))
  })

  it("the MFA minimum applies to a person with TOTP on (NIST: 8 instead of 15)", () => {
    const eight = "kestrel-9"
    expect(newPasswordState(nistPolicy, context, eight, eight).ready).toBe(false)
    expect(newPasswordState(nistPolicy, { ...context, hasMfa: true }, eight, eight).ready).toBe(true)
  })
})
