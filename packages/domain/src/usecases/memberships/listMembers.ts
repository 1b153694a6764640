import { Effect, Schema } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId } from "../../model/ids.ts"
import { isInEffect, type Membership } from "../../model/membership.ts"
import type { Page } from "../../model/page.ts"
import { SearchText } from "../../model/text.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { holdsIn } from "../../rules/permissions.ts"
import { cursorKeyKind } from "../../rules/userOrdering.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { type PageRequest, pageRequest } from "../organizations/validation.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"
import { findOrganization, type MemberUser, memberViewOf, toMemberUser } from "./memberAccess.ts"

export const MemberFilter = Schema.Struct({
  /** `active`: the membership is in effect now; `disabled`: it is disabled or expired. */
  status: Schema.optionalKey(Schema.Literals(["active", "disabled"])),
  /** Case-insensitive substring of the member's name, display name or email. */
  q: Schema.optionalKey(SearchText),
  sort: Schema.optionalKey(Schema.Literals(["name", "email", "created", "lastLogin"]))
})
export type MemberFilter = typeof MemberFilter.Type

export type ListMembersQuery = MemberFilter & PageRequest

export interface MemberEntry {
  readonly user: MemberUser
  readonly membership: Membership
  /** Active and unexpired now: the membership grants its role. */
  readonly inEffect: boolean
}

/**
 * Lists an organization's members, sorted and paged like the user list (default by name). Needs
 * `members:read` or `members:manage`, tenant-wide or in that organization. Users come in the actor's view
 * (`memberViewOf`): an organization's own Admin sees names and email, tenant admins everything.
 */
export const listMembers = Effect.fn("listMembers")(function* (
  actor: Actor,
  organizationId: OrganizationId,
  query: ListMembersQuery = {}
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      if (
        !holdsIn(context.permissions, organizationId, "members:read") &&
        !holdsIn(context.permissions, organizationId, "members:manage")
      ) {
        return yield* new Forbidden({ reason: "Missing permission members:read" })
      }
      const filter = yield* decodeInput(MemberFilter, {
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.q === undefined ? {} : { q: query.q }),
        ...(query.sort === undefined ? {} : { sort: query.sort })
      })
      const page = yield* pageRequest(query, cursorKeyKind(filter.sort ?? "name"))
      yield* findOrganization(context, organizationId)
      const memberships = yield* (yield* MembershipRepository).listByOrganization(
        context.tenant.id,
        organizationId
      )
      const byUser = new Map(
        memberships
          .filter(
            (m) => filter.status === undefined || (filter.status === "active") === isInEffect(m, context.now)
          )
          .map((m) => [m.userId, m])
      )
      if (byUser.size === 0) return { items: [], total: 0, nextCursor: null } satisfies Page<MemberEntry>
      const users = yield* (yield* UserRepository).list(context.tenant.id, {
        ...page,
        q: filter.q,
        ids: [...byUser.keys()],
        sort: filter.sort ?? "name"
      })
      const view = memberViewOf(context)
      const members: Page<MemberEntry> = {
        total: users.total,
        nextCursor: users.nextCursor,
        items: users.items.flatMap((user) => {
          const membership = byUser.get(user.id)
          return membership === undefined
            ? []
            : [
                {
                  user: toMemberUser(user, view),
                  membership,
                  inEffect: isInEffect(membership, context.now)
                }
              ]
        })
      }
      return members
    })
  )
})
