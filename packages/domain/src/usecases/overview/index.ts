export * from "./expiringMemberships.ts"
export * from "./signIns.ts"
export * from "./usersOverview.ts"
