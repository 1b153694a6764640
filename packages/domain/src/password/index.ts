export * from "./checkPassword.ts"
export * from "./generatePassword.ts"
export * from "./PasswordPolicy.ts"
export {
  applicableMinLength,
  codePointLength,
  contextWords,
  evaluateRules,
  MIN_CONTEXT_WORD_LENGTH,
  type PasswordRule
} from "./rules.ts"
export { uniformInt } from "./uniformInt.ts"
