export * from "./addGroupMember.ts"
export * from "./groupCatalogue.ts"
export * from "./removeGroupMember.ts"
