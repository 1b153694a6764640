import type { CursorPosition } from "../model/cursor.ts"
import type { Membership } from "../model/membership.ts"
import { fullName } from "../model/user.ts"
import type { MembershipListing, MembershipListQuery } from "../ports/MembershipRepository.ts"

/**
 * The semantics of `MembershipRepository.listAcrossOrganizations`, written once as plain functions: the
 * in-memory adapter uses them, the SQL adapter mirrors them, and the contract suite checks both against them.
 * Order: expiry (soonest first, memberships without one last), then organization id, then user id.
 */

/** The sort key: the expiry in milliseconds, null for a membership that never expires. */
export const membershipExpiryKey = (membership: Pick<Membership, "expiresAt">): number | null =>
  membership.expiresAt === null ? null : membership.expiresAt.getTime()

/** A cursor's id for a membership: `<organization id>/<user id>` (a membership has no id of its own). */
export const membershipCursorId = (membership: Pick<Membership, "organizationId" | "userId">): string =>
  `${membership.organizationId}/${membership.userId}`

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u

/** The organization and user ids of a cursor's id; undefined when it is not `<uuid>/<uuid>` in lower case. */
export const parseMembershipCursorId = (
  id: string
): { readonly organizationId: string; readonly userId: string } | undefined => {
  const [organizationId, userId, ...rest] = id.split("/")
  return organizationId !== undefined &&
    userId !== undefined &&
    rest.length === 0 &&
    UUID.test(organizationId) &&
    UUID.test(userId)
    ? { organizationId, userId }
    : undefined
}

const compareExpiry = (a: number | null, b: number | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const compareIds = (
  a: Pick<Membership, "organizationId" | "userId">,
  b: { readonly organizationId: string; readonly userId: string }
): number => compareText(a.organizationId, b.organizationId) || compareText(a.userId, b.userId)

/** Total order of the list. */
export const compareMembershipListings = (a: MembershipListing, b: MembershipListing): number =>
  compareExpiry(membershipExpiryKey(a.membership), membershipExpiryKey(b.membership)) ||
  compareIds(a.membership, b.membership)

/** Whether a row comes strictly after the cursor position (`key`: expiry ms or null; `id`: see above). */
export const isAfterMembershipCursor = (listing: MembershipListing, position: CursorPosition): boolean => {
  const ids = parseMembershipCursorId(position.id)
  if (ids === undefined || (position.key !== null && typeof position.key !== "number")) return false
  const byKey = compareExpiry(membershipExpiryKey(listing.membership), position.key)
  return byKey > 0 || (byKey === 0 && compareIds(listing.membership, ids) > 0)
}

/** Whether a row matches every filter of the query. */
export const matchesMembershipQuery = (listing: MembershipListing, query: MembershipListQuery): boolean => {
  const { membership, user } = listing
  if (query.organizationId !== undefined && membership.organizationId !== query.organizationId) return false
  if (query.userId !== undefined && membership.userId !== query.userId) return false
  if (query.role !== undefined && membership.role !== query.role) return false
  const expiry = membershipExpiryKey(membership)
  if (query.expiresAfter !== undefined && (expiry === null || expiry <= query.expiresAfter.getTime()))
    return false
  if (query.expiresBefore !== undefined && (expiry === null || expiry >= query.expiresBefore.getTime()))
    return false
  const needle = query.q?.trim().toLowerCase() ?? ""
  if (needle !== "") {
    const haystacks = [fullName(user), user.displayName ?? "", user.email]
    if (!haystacks.some((h) => h.toLowerCase().includes(needle))) return false
  }
  return true
}
