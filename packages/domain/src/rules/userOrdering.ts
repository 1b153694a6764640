import type { CursorKeyKind, CursorPosition } from "../model/cursor.ts"
import { fullName, type User } from "../model/user.ts"
import type { UserListQuery, UserSort } from "../ports/UserRepository.ts"

/**
 * The listing semantics every UserRepository implements, written once as plain functions: the in-memory
 * adapter uses them directly, the SQL adapter mirrors them, and the contract suite checks both against them.
 */

/** The sort key of a user: lower-cased "first last", email, creation time, or last login (ms). */
export const sortKey = (user: User, sort: UserSort): string | number | null => {
  switch (sort) {
    case "name":
      return fullName(user).toLowerCase()
    case "email":
      return user.email
    case "created":
      return user.createdAt.getTime()
    case "lastLogin":
      return user.lastLoginAt === null ? null : user.lastLoginAt.getTime()
  }
}

/** The kind of key a cursor of a list in the order of `sort` carries (`sortKey`'s type). */
export const cursorKeyKind = (sort: UserSort): CursorKeyKind =>
  sort === "created" ? "instant" : sort === "lastLogin" ? "instantOrNull" : "text"

const compareKeys = (a: string | number | null, b: string | number | null, sort: UserSort): number => {
  if (a === b) return 0
  // lastLogin: most recent first, never-logged-in last
  if (sort === "lastLogin") {
    if (a === null) return 1
    if (b === null) return -1
    return (b as number) - (a as number)
  }
  if (typeof a === "number" && typeof b === "number") return a - b
  return String(a) < String(b) ? -1 : 1
}

/** Total order: sort key, then id. */
export const compareUsers =
  (sort: UserSort) =>
  (a: User, b: User): number =>
    compareKeys(sortKey(a, sort), sortKey(b, sort), sort) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Whether a user comes strictly after the cursor position in the order of `sort`. */
export const isAfter = (user: User, position: CursorPosition, sort: UserSort): boolean => {
  const byKey = compareKeys(sortKey(user, sort), position.key, sort)
  return byKey > 0 || (byKey === 0 && user.id > position.id)
}

/** Whether a user matches every filter of the query (q, status, kind, role, department, group, ids). */
export const matches = (user: User, query: UserListQuery): boolean => {
  if (query.status !== undefined && user.status !== query.status) return false
  if (query.kind !== undefined && user.kind !== query.kind) return false
  if (query.role !== undefined && user.role !== query.role) return false
  if (query.departmentId !== undefined && user.departmentId !== query.departmentId) return false
  if (query.groupId !== undefined && !user.groupIds.includes(query.groupId)) return false
  if (query.ids !== undefined && !query.ids.includes(user.id)) return false
  if (query.q !== undefined && query.q.trim() !== "") {
    const needle = query.q.trim().toLowerCase()
    const haystacks = [fullName(user), user.displayName ?? "", user.email]
    if (!haystacks.some((h) => h.toLowerCase().includes(needle))) return false
  }
  return true
}
