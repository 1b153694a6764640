import { assert, describe, it } from "@effect/vitest"
import { nistPolicy, type PasswordContext, type PasswordPolicy, productPolicy } from "@gatehouse/domain"
import { memory } from "@gatehouse/testkit"
import { Effect, Redacted } from "effect"
import { checkPassword, enforcePassword } from "../../src/password/index.ts"

const blocklist = memory.PasswordBlocklist.layerSample()

/** Every rule switched on, with distinct bounds, so each rule can be seen on its own. */
const strict: PasswordPolicy = {
  preset: "custom",
  minLength: 10,
  minLengthWithMfa: 8,
  maxLength: 64,
  requireLowercase: true,
  requireUppercase: true,
  requireDigit: true,
  requireSymbol: true,
  generatedLength: 16
}

const check = (policy: PasswordPolicy, password: string, context: PasswordContext = {}) =>
  checkPassword(policy, Redacted.make(password), context).pipe(Effect.provide(blocklist))

/** The verdict of one rule; fails the test when the rule is not reported. */
const verdict = (policy: PasswordPolicy, password: string, rule: string, context: PasswordContext = {}) =>
  Effect.map(check(policy, password, context), ({ results }) => {
    const found = results.find((r) => r.rule === rule)
    assert.isDefined(found, `rule ${rule} not reported`)
    assert.isNotEmpty(found!.message)
    return found!.passed
  })

const failing = (policy: PasswordPolicy, password: string, context: PasswordContext = {}) =>
  Effect.map(check(policy, password, context), ({ results }) =>
    results.filter((r) => !r.passed).map((r) => r.rule)
  )

describe("checkPassword: one rule at a time", () => {
  it.effect("minLength", () =>
    Effect.gen(function* () {
      assert.isTrue(yield* verdict(strict, "Abcdefg1!x", "minLength"))
      assert.isFalse(yield* verdict(strict, "Abcdefg1!", "minLength"))
      assert.deepStrictEqual(yield* failing(strict, "Abcdefg1!"), ["minLength"])
    })
  )

  it.effect("minLength with MFA uses minLengthWithMfa, only when the policy sets one", () =>
    Effect.gen(function* () {
      assert.isTrue(yield* verdict(strict, "Abcde1!x", "minLength", { hasMfa: true }))
      assert.isFalse(yield* verdict(strict, "Abcde1!x", "minLength", { hasMfa: false }))
      assert.isFalse(yield* verdict(strict, "Abcde1!", "minLength", { hasMfa: true }))
      const noMfaMinimum = { ...strict, minLengthWithMfa: null }
      assert.isFalse(yield* verdict(noMfaMinimum, "Abcde1!x", "minLength", { hasMfa: true }))
    })
  )

  it.effect("maxLength", () =>
    Effect.gen(function* () {
      const at64 = `Aa1!${"x".repeat(60)}`
      assert.isTrue(yield* verdict(strict, at64, "maxLength"))
      assert.isFalse(yield* verdict(strict, `${at64}y`, "maxLength"))
      assert.deepStrictEqual(yield* failing(strict, `${at64}y`), ["maxLength"])
    })
  )

  it.effect("a password of 64 and more characters is accepted (product preset: max 128)", () =>
    Effect.gen(function* () {
      for (const length of [64, 100, 128]) {
        const password = `Tr0ub4dor${"z".repeat(length - 9)}`
        assert.isTrue((yield* check(productPolicy, password)).ok, `length ${length}`)
      }
      assert.isFalse((yield* check(productPolicy, `Tr0ub4dor${"z".repeat(120)}`)).ok)
    })
  )

  it.effect("requireLowercase, including non-ASCII letters", () =>
    Effect.gen(function* () {
      assert.isFalse(yield* verdict(strict, "ABCDEFGH1!", "requireLowercase"))
      assert.isTrue(yield* verdict(strict, "ABCDEFGh1!", "requireLowercase"))
      assert.isTrue(yield* verdict(strict, "ÀÉÎÕÜé12345!", "requireLowercase"))
      assert.isFalse(yield* verdict(strict, "ÀÉÎÕÜ12345!", "requireLowercase"))
    })
  )

  it.effect("requireUppercase, including non-ASCII letters", () =>
    Effect.gen(function* () {
      assert.isFalse(yield* verdict(strict, "abcdefgh1!", "requireUppercase"))
      assert.isTrue(yield* verdict(strict, "abcdefgH1!", "requireUppercase"))
      assert.isTrue(yield* verdict(strict, "àéîõüÉ12345!", "requireUppercase"))
      assert.isFalse(yield* verdict(strict, "àéîõü12345!", "requireUppercase"))
    })
  )

  it.effect("requireDigit", () =>
    Effect.gen(function* () {
      assert.isFalse(yield* verdict(strict, "Abcdefghi!", "requireDigit"))
      assert.isTrue(yield* verdict(strict, "Abcdefgh7!", "requireDigit"))
    })
  )

  it.effect("requireSymbol: punctuation, symbols and emoji count, white space does not", () =>
    Effect.gen(function* () {
      assert.isFalse(yield* verdict(strict, "Abcdefgh12", "requireSymbol"))
      assert.isFalse(yield* verdict(strict, "Abcdefg 12", "requireSymbol"))
      assert.isTrue(yield* verdict(strict, "Abcdefg!12", "requireSymbol"))
      assert.isTrue(yield* verdict(strict, "Abcdefg€12", "requireSymbol"))
      assert.isTrue(yield* verdict(strict, "Abcdefg😀12", "requireSymbol"))
    })
  )

  it.effect("composition rules that are off are not reported", () =>
    Effect.gen(function* () {
      const { results } = yield* check(nistPolicy, "x")
      assert.deepStrictEqual(
        results.map((r) => r.rule),
        ["minLength", "maxLength", "notCommon", "noContextWords"]
      )
    })
  )

  it.effect("notCommon, case-insensitively", () =>
    Effect.gen(function* () {
      const loose = { ...strict, requireUppercase: false, requireDigit: false, requireSymbol: false }
      assert.isFalse(yield* verdict(loose, "iloveyou", "notCommon"))
      assert.isFalse(yield* verdict(loose, "ILoveYou", "notCommon"))
      assert.isTrue(yield* verdict(loose, "iloveyou2", "notCommon"))
      // Product preset: "Password1" satisfies every composition rule but is common.
      assert.deepStrictEqual(yield* failing(productPolicy, "Password1"), ["notCommon"])
    })
  )
})

describe("checkPassword: code points and no trimming", () => {
  it.effect("an emoji counts as one character", () =>
    Effect.gen(function* () {
      // 7 code points but 10 UTF-16 units: too short for a minimum of 8.
      assert.isFalse(yield* verdict(productPolicy, "Abc1😀😀😀", "minLength"))
      assert.isTrue(yield* verdict(productPolicy, "Abc12😀😀😀", "minLength"))
      // 64 emoji are 64 characters (128 UTF-16 units): within a maximum of 64.
      assert.isTrue(yield* verdict(strict, "😀".repeat(64), "maxLength"))
      assert.isFalse(yield* verdict(strict, "😀".repeat(65), "maxLength"))
    })
  )

  it.effect("leading and trailing spaces are kept and counted", () =>
    Effect.gen(function* () {
      const twelve = { ...productPolicy, minLength: 12 }
      // "  Passw0rd  " is 12 characters as typed, 8 once trimmed.
      assert.isTrue(yield* verdict(twelve, "  Passw0rd  ", "minLength"))
      assert.isFalse(yield* verdict(twelve, "Passw0rd", "minLength"))
      assert.isTrue((yield* check(twelve, "  Passw0rd  ")).ok)
    })
  )

  it.effect("the password is checked exactly as received: no case change for composition", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* failing(productPolicy, "ABCDEFG1"), ["requireLowercase"])
      assert.deepStrictEqual(yield* failing(productPolicy, "abcdefg1"), ["requireUppercase"])
    })
  )
})

describe("checkPassword: context words", () => {
  const lenient: PasswordPolicy = { ...nistPolicy, minLength: 8 }
  const person: PasswordContext = {
    email: "j.vandermeer@example.com",
    firstName: "Marie-Claire",
    lastName: "Van der Meer",
    tenantName: "Acme Widgets"
  }

  it.effect("the email's local part, whole and in words, compared case-insensitively", () =>
    Effect.gen(function* () {
      assert.isFalse(
        yield* verdict(lenient, "xxVanDerMeer99", "noContextWords", { email: "vandermeer@x.io" })
      )
      assert.isFalse(yield* verdict(lenient, "my-VANDERMEER-key", "noContextWords", person))
      assert.isTrue(yield* verdict(lenient, "my-private-key", "noContextWords", person))
      // The domain is not a context word.
      assert.isTrue(yield* verdict(lenient, "example-of-a-key", "noContextWords", person))
    })
  )

  it.effect("first and last names, split into words", () =>
    Effect.gen(function* () {
      assert.isFalse(yield* verdict(lenient, "i-am-claire-!", "noContextWords", person))
      assert.isFalse(yield* verdict(lenient, "MARIE-2024-xyz", "noContextWords", person))
      assert.isFalse(yield* verdict(lenient, "the-meer-of-it", "noContextWords", person))
    })
  )

  it.effect("the tenant's name, split into words", () =>
    Effect.gen(function* () {
      assert.isFalse(yield* verdict(lenient, "widgets-rock-42", "noContextWords", person))
      assert.isFalse(yield* verdict(lenient, "ACMEacmeACME", "noContextWords", person))
    })
  )

  it.effect("words shorter than 3 characters are ignored", () =>
    Effect.gen(function* () {
      // "der" (3) counts; "Al", "Li" and "Wu" (2) do not.
      assert.isFalse(yield* verdict(lenient, "under-a-tree", "noContextWords", person))
      const short = { email: "al@x.io", firstName: "Li", lastName: "Wu", tenantName: "AB Co" }
      assert.isTrue(yield* verdict(lenient, "al-li-wu-ab-co-7", "noContextWords", short))
    })
  )

  it.effect("no context, nothing to refuse", () =>
    Effect.gen(function* () {
      assert.isTrue(yield* verdict(lenient, "marie-claire-vandermeer", "noContextWords"))
    })
  )
})

describe("presets", () => {
  it.effect("product: at least 8 with a lower-case letter, an upper-case letter and a digit", () =>
    Effect.gen(function* () {
      assert.isTrue((yield* check(productPolicy, "Gatehou5")).ok)
      assert.deepStrictEqual(yield* failing(productPolicy, "Gateho5"), ["minLength"])
      assert.deepStrictEqual(yield* failing(productPolicy, "gatehous"), ["requireUppercase", "requireDigit"])
      assert.isTrue((yield* check(productPolicy, "Gatehou5", { hasMfa: true })).ok)
    })
  )

  it.effect("NIST: 15 characters, 8 with MFA, no composition rules", () =>
    Effect.gen(function* () {
      assert.isTrue((yield* check(nistPolicy, "correct horse b")).ok)
      assert.deepStrictEqual(yield* failing(nistPolicy, "correct horse "), ["minLength"])
      assert.isTrue((yield* check(nistPolicy, "horsebat", { hasMfa: true })).ok)
      assert.deepStrictEqual(yield* failing(nistPolicy, "horseba", { hasMfa: true }), ["minLength"])
      assert.deepStrictEqual(yield* failing(nistPolicy, "horsebat", { hasMfa: false }), ["minLength"])
    })
  )
})

describe("per-rule reporting", () => {
  it.effect("every failing rule is listed, not just the first, and every passing one too", () =>
    Effect.gen(function* () {
      const { ok, results } = yield* check(strict, "letmein", { tenantName: "Mein GmbH" })
      assert.isFalse(ok)
      assert.deepStrictEqual(
        results.map((r) => [r.rule, r.passed]),
        [
          ["minLength", false],
          ["maxLength", true],
          ["requireLowercase", true],
          ["requireUppercase", false],
          ["requireDigit", false],
          ["requireSymbol", false],
          ["notCommon", false],
          ["noContextWords", false]
        ]
      )
    })
  )

  it.effect("enforcePassword fails with PasswordPolicyViolation listing exactly the failing rules", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(enforcePassword(productPolicy, Redacted.make("password"), {}))
      assert.strictEqual(error._tag, "PasswordPolicyViolation")
      assert.deepStrictEqual(
        error.failures.map((f) => f.rule),
        ["requireUppercase", "requireDigit", "notCommon"]
      )
      assert.isTrue(error.failures.every((f) => !f.passed && f.message.length > 0))
      yield* enforcePassword(productPolicy, Redacted.make("Gatehou5"), {})
    }).pipe(Effect.provide(blocklist))
  )

  it.effect("a rule's message never repeats the password or the context word found", () =>
    Effect.gen(function* () {
      const { results } = yield* check(strict, "Zanzibar-Q9!", { firstName: "Zanzibar" })
      for (const r of results) assert.notInclude(r.message.toLowerCase(), "zanzibar")
    })
  )
})
