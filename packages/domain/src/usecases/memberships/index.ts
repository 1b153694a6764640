export * from "./addMember.ts"
export * from "./expireMemberships.ts"
export * from "./listMembers.ts"
export * from "./listMemberships.ts"
export {
  type MembershipViewOfUser,
  type MemberUser,
  type MemberView,
  type StaffViewOfUser,
  toMemberUser
} from "./memberAccess.ts"
export * from "./removeMember.ts"
export * from "./updateMember.ts"
