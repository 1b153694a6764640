import { Effect, Schema } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import { decodeCursor } from "../../model/cursor.ts"
import { OrganizationId, UserId } from "../../model/ids.ts"
import { isInEffect } from "../../model/membership.ts"
import type { Page } from "../../model/page.ts"
import { RoleName } from "../../model/role.ts"
import { SearchText } from "../../model/text.ts"
import { type MembershipListing, MembershipRepository } from "../../ports/MembershipRepository.ts"
import { parseMembershipCursorId } from "../../rules/membershipOrdering.ts"
import { holds } from "../../rules/permissions.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { type PageRequest, pageRequest } from "../organizations/validation.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"

/** The filters of `GET /v1/memberships` the store compares as text or ids. */
export const MembershipListFilter = Schema.Struct({
  organizationId: Schema.optionalKey(OrganizationId),
  userId: Schema.optionalKey(UserId),
  role: Schema.optionalKey(RoleName),
  /** Case-insensitive substring of the user's name, display name or email. */
  q: Schema.optionalKey(SearchText)
})

export interface ListMembershipsQuery extends PageRequest {
  readonly organizationId?: string | undefined
  readonly userId?: string | undefined
  readonly role?: string | undefined
  readonly q?: string | undefined
  /** Memberships whose expiry is strictly after this instant (e.g. now: not expired yet). */
  readonly expiresAfter?: Date | undefined
  /** Memberships whose expiry is strictly before this instant ("expiring within N days": now + N days). */
  readonly expiresBefore?: Date | undefined
}

/** One row of the tenant-wide list: who, where, the role, the expiry, and whether it grants its role now. */
export interface MembershipEntry {
  readonly user: MembershipListing["user"]
  readonly organization: MembershipListing["organization"]
  readonly role: RoleName
  readonly active: boolean
  readonly expiresAt: Date | null
  /**
   * Active, unexpired and in an active organization at the time of the read (an inactive organization's
   * memberships grant nothing; expiry needs no job to take effect).
   */
  readonly inEffect: boolean
  readonly createdAt: Date
}

const isInstant = (date: Date | undefined): boolean => date === undefined || !Number.isNaN(date.getTime())

const definedOnly = (query: ListMembershipsQuery): Record<string, string> =>
  Object.fromEntries(
    (["organizationId", "userId", "role", "q"] as const).flatMap((key) =>
      query[key] === undefined ? [] : [[key, query[key]]]
    )
  )

// An expiry window that cannot hold a membership is a client mistake, told as such (never a silent empty page).
const expiryWindow = Effect.fnUntraced(function* (query: ListMembershipsQuery) {
  const errors: Array<{ readonly path: string; readonly message: string }> = []
  for (const key of ["expiresAfter", "expiresBefore"] as const)
    if (!isInstant(query[key])) errors.push({ path: key, message: "Expected a valid date and time" })
  const { expiresAfter, expiresBefore } = query
  if (
    errors.length === 0 &&
    expiresAfter !== undefined &&
    expiresBefore !== undefined &&
    expiresBefore.getTime() <= expiresAfter.getTime()
  )
    errors.push({ path: "expiresBefore", message: "Must be later than expiresAfter" })
  if (errors.length > 0) return yield* new InvalidInput({ errors })
  return { expiresAfter, expiresBefore }
})

// A cursor of this list carries the expiry (or null) and `<organization id>/<user id>`.
const checkCursor = Effect.fnUntraced(function* (cursor: string | undefined) {
  if (cursor === undefined) return
  const position = yield* decodeCursor(cursor, "instantOrNull", "text")
  if (parseMembershipCursorId(position.id) === undefined)
    return yield* new InvalidInput({ errors: [{ path: "cursor", message: "Invalid cursor" }] })
})

/**
 * `GET /v1/memberships`: the memberships of every organization of the tenant (003's Admin -> Memberships), by
 * expiry (soonest first, those without one last), then organization and user id. Reading memberships
 * tenant-wide needs `members:read` or `members:manage` tenant-wide (as every organization's member list does);
 * an organization's own Admin, who holds them only inside their organization, is `Forbidden` here and reads
 * their organization's members instead. A bad filter, window or cursor is `InvalidInput`.
 */
export const listMemberships = Effect.fn("listMemberships")(function* (
  actor: Actor,
  query: ListMembershipsQuery = {}
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      if (!holds(context.permissions, "members:read") && !holds(context.permissions, "members:manage")) {
        return yield* new Forbidden({ reason: "Missing permission members:read" })
      }
      const filter = yield* decodeInput(MembershipListFilter, definedOnly(query))
      const window = yield* expiryWindow(query)
      const page = yield* pageRequest(query, "instantOrNull", "text")
      yield* checkCursor(page.cursor)
      const listed = yield* (yield* MembershipRepository).listAcrossOrganizations(context.tenant.id, {
        ...page,
        // ids compare as stored (lower case), whatever the caller's casing
        organizationId: filter.organizationId?.toLowerCase() as OrganizationId | undefined,
        userId: filter.userId?.toLowerCase() as UserId | undefined,
        role: filter.role,
        q: filter.q,
        ...window
      })
      const entries: Page<MembershipEntry> = {
        total: listed.total,
        nextCursor: listed.nextCursor,
        items: listed.items.map(({ membership, user, organization }) => ({
          user,
          organization,
          role: membership.role,
          active: membership.active,
          expiresAt: membership.expiresAt,
          inEffect: isInEffect(membership, context.now) && organization.status === "active",
          createdAt: membership.createdAt
        }))
      }
      return entries
    })
  )
})
