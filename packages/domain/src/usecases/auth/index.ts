export * from "./changeOwnPassword.ts"
export * from "./errors.ts"
export * from "./login.ts"
export * from "./throttling.ts"
