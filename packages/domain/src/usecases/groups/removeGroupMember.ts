import { changeGroupMembership } from "./changeGroupMembership.ts"

/** Takes a user out of a group. Needs `groups:manage`; idempotent. */
export const removeGroupMember = changeGroupMembership("removeGroupMember", "leave")
