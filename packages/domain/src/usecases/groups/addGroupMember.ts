import { changeGroupMembership } from "./changeGroupMembership.ts"

/** Puts a user into a group (`User.groupIds`). Needs `groups:manage`; idempotent. */
export const addGroupMember = changeGroupMembership("addGroupMember", "join")
