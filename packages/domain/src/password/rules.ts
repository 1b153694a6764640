import type { RuleResult } from "../errors/validation.ts"
import type { PasswordPolicy } from "./PasswordPolicy.ts"

/** Words a password must not contain: the email's local part, the person's names, the tenant's name. */
export interface PasswordContext {
  readonly email?: string | undefined
  readonly firstName?: string | undefined
  readonly lastName?: string | undefined
  readonly tenantName?: string | undefined
  /** The account has TOTP enrolled (a policy may then accept a shorter minimum). */
  readonly hasMfa?: boolean | undefined
}

/** The names of the rules, as reported in `RuleResult.rule` (stable: clients key check-marks on them). */
export type PasswordRule =
  | "minLength"
  | "maxLength"
  | "requireLowercase"
  | "requireUppercase"
  | "requireDigit"
  | "requireSymbol"
  | "notCommon"
  | "noContextWords"

// Unicode classes, so "é" is lower-case and "É" upper-case; a symbol is any punctuation or symbol code point
// (emoji included), never a letter, a digit or white space.
const LOWERCASE = /\p{Ll}/u
const UPPERCASE = /\p{Lu}/u
const DIGIT = /\p{Nd}/u
const SYMBOL = /[\p{P}\p{S}]/u

/** Context words shorter than this are ignored: "al" or "li" would forbid too many passwords. */
export const MIN_CONTEXT_WORD_LENGTH = 3

/** Length in Unicode code points (an emoji is 1, not its 2 UTF-16 units); nothing is trimmed. */
export const codePointLength = (value: string): number => {
  let length = 0
  for (const _ of value) length++
  return length
}

/** The minimum length that applies: the MFA minimum when the account has TOTP and the policy sets one. */
export const applicableMinLength = (policy: PasswordPolicy, context: PasswordContext = {}): number =>
  context.hasMfa === true && policy.minLengthWithMfa !== null ? policy.minLengthWithMfa : policy.minLength

/** The lower-cased words (3 or more code points) of the context that a password must not contain. */
export const contextWords = (context: PasswordContext): ReadonlyArray<string> => {
  const at = context.email?.lastIndexOf("@") ?? -1
  const localPart = at < 0 ? context.email : context.email?.slice(0, at)
  const sources = [localPart, context.firstName, context.lastName, context.tenantName]
  const words = new Set<string>()
  for (const source of sources) {
    if (source === undefined) continue
    for (const word of source.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (codePointLength(word) >= MIN_CONTEXT_WORD_LENGTH) words.add(word)
    }
  }
  return [...words]
}

const result = (rule: PasswordRule, passed: boolean, message: string): RuleResult => ({
  rule,
  passed,
  message
})

/**
 * Every rule of the policy, each with its verdict, in a stable order: lengths, the enabled character classes,
 * the common-password blocklist (its verdict comes from the `PasswordBlocklist` port) and the context words.
 * The password is read exactly as typed (no trimming, no case change) except for the context-word
 * comparison, which ignores case.
 */
export const evaluateRules = (
  policy: PasswordPolicy,
  password: string,
  context: PasswordContext,
  verdicts: { readonly blocked: boolean }
): ReadonlyArray<RuleResult> => {
  const length = codePointLength(password)
  const minLength = applicableMinLength(policy, context)
  const results: Array<RuleResult> = [
    result(
      "minLength",
      length >= minLength,
      minLength === policy.minLength
        ? `At least ${minLength} characters`
        : `At least ${minLength} characters (two-factor authentication is on)`
    ),
    result("maxLength", length <= policy.maxLength, `At most ${policy.maxLength} characters`)
  ]
  if (policy.requireLowercase)
    results.push(result("requireLowercase", LOWERCASE.test(password), "A lower-case letter"))
  if (policy.requireUppercase)
    results.push(result("requireUppercase", UPPERCASE.test(password), "An upper-case letter"))
  if (policy.requireDigit) results.push(result("requireDigit", DIGIT.test(password), "A digit"))
  if (policy.requireSymbol)
    results.push(result("requireSymbol", SYMBOL.test(password), "A symbol or punctuation mark"))
  results.push(result("notCommon", !verdicts.blocked, "Not a commonly used password"))
  const folded = password.toLowerCase()
  results.push(
    result(
      "noContextWords",
      !contextWords(context).some((word) => folded.includes(word)),
      // Never names the word found: the message may reach a log, and it would disclose part of the password.
      "Does not contain your name, your email address or the organization's name"
    )
  )
  return results
}
