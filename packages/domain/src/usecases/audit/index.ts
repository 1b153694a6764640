export * from "./queryAudit.ts"
