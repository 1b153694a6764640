export * from "./createUser.ts"
