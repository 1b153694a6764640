export * from "./checkPassword.ts"
export * from "./generatePassword.ts"
export * from "./PasswordPolicy.ts"
