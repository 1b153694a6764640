export * from "./checkPasswordForActor.ts"
export * from "./getPasswordPolicy.ts"
export * from "./PasswordPolicyInput.ts"
export * from "./updatePasswordPolicy.ts"
