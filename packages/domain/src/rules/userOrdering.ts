import type { CursorKeyKind, CursorPosition } from "../model/cursor.ts"
import { fullName, type User } from "../model/user.ts"
import type { UserListQuery, UserSort } from "../ports/UserRepository.ts"
import { compareCodePoints } from "./catalogueOrdering.ts"

/**
 * The listing semantics every UserRepository implements, written once as plain functions: the in-memory
 * adapter uses them directly, the SQL adapter mirrors them (it stores `userNameKey` as `name_key`; `name_key` and
 * the email are `COLLATE "C"`, then id), and the contract suite checks both against them. Text keys and ids
 * compare by code point (UTF-8 byte order, what `COLLATE "C"` does), as the catalogues and organizations do.
 */

/** The key of the name sort and of the name search: "first last" lower-cased. */
export const userNameKey = (user: Pick<User, "firstName" | "lastName">): string =>
  fullName(user).toLowerCase()

/** The sort key of a user: `userNameKey`, email, creation time, or last login (ms). */
export const sortKey = (user: User, sort: UserSort): string | number | null => {
  switch (sort) {
    case "name":
      return userNameKey(user)
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
  return compareCodePoints(String(a), String(b))
}

/** Total order: sort key, then id (by code point). */
export const compareUsers =
  (sort: UserSort) =>
  (a: User, b: User): number =>
    compareKeys(sortKey(a, sort), sortKey(b, sort), sort) || compareCodePoints(a.id, b.id)

/** Whether a user comes strictly after the cursor position (the key and id of a page's last row) in `sort`. */
export const isAfter = (user: User, position: CursorPosition, sort: UserSort): boolean =>
  (compareKeys(sortKey(user, sort), position.key, sort) || compareCodePoints(user.id, position.id)) > 0

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
