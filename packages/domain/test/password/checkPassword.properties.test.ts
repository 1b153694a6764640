import { describe, it } from "@effect/vitest"
import type { PasswordContext, PasswordPolicy } from "@gatehouse/domain"
import { memory } from "@gatehouse/testkit"
import { Effect, Redacted } from "effect"
import fc from "fast-check"
import { checkPassword } from "../../src/password/index.ts"
import { anyContext, anyPolicy } from "./policyArbitrary.ts"

const blocklist = memory.PasswordBlocklist.layerSample()

const verdicts = (policy: PasswordPolicy, password: string, context: PasswordContext) =>
  Effect.runPromise(
    checkPassword(policy, Redacted.make(password), context).pipe(
      Effect.map(({ results }) => new Map(results.map((r) => [r.rule, r.passed]))),
      Effect.provide(blocklist)
    )
  )

// Any Unicode text, astral code points (emoji, CJK extension B, ...) included.
const anyText = fc.string({ unit: "binary", maxLength: 80 })

// Rules that only look for something being present or long enough: more characters cannot undo them.
const MONOTONIC = ["minLength", "requireLowercase", "requireUppercase", "requireDigit", "requireSymbol"]

describe("checkPassword properties", () => {
  it("length rules count code points, exactly as typed", async () => {
    await fc.assert(
      fc.asyncProperty(anyPolicy, anyContext, anyText, async (policy, context, password) => {
        const results = await verdicts(policy, password, context)
        const codePoints = Array.from(password).length
        const minimum =
          context.hasMfa === true && policy.minLengthWithMfa !== null
            ? policy.minLengthWithMfa
            : policy.minLength
        return (
          results.get("minLength") === codePoints >= minimum &&
          results.get("maxLength") === codePoints <= policy.maxLength
        )
      }),
      { numRuns: 300 }
    )
  })

  it("appending characters never breaks a presence or minimum rule", async () => {
    await fc.assert(
      fc.asyncProperty(anyPolicy, anyContext, anyText, anyText, async (policy, context, password, suffix) => {
        const before = await verdicts(policy, password, context)
        const after = await verdicts(policy, password + suffix, context)
        return MONOTONIC.every((rule) => before.get(rule) !== true || after.get(rule) === true)
      }),
      { numRuns: 300 }
    )
  })

  it("every enabled rule is reported, whatever the password", async () => {
    await fc.assert(
      fc.asyncProperty(anyPolicy, anyContext, anyText, async (policy, context, password) => {
        const results = await verdicts(policy, password, context)
        const expected = [
          "minLength",
          "maxLength",
          ...(policy.requireLowercase ? ["requireLowercase"] : []),
          ...(policy.requireUppercase ? ["requireUppercase"] : []),
          ...(policy.requireDigit ? ["requireDigit"] : []),
          ...(policy.requireSymbol ? ["requireSymbol"] : []),
          "notCommon",
          "noContextWords"
        ]
        return JSON.stringify([...results.keys()]) === JSON.stringify(expected)
      }),
      { numRuns: 200 }
    )
  })
})
