export * from "./tags.ts"
