export * from "./listRoles.ts"
