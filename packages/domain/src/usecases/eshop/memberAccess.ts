import { Effect, Option } from "effect"
import { MembershipNotFound, UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId, UserId } from "../../model/ids.ts"
import { isInEffect } from "../../model/membership.ts"
import type { Organization } from "../../model/organization.ts"
import type { User } from "../../model/user.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { findOrganization } from "../memberships/memberAccess.ts"
import { type ActorContext, authenticate, requirePermissionIn } from "../shared/ActorContext.ts"
import { type AuditEntry, auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { type ConnectedStore, connectedStore } from "./connection.ts"
import { EshopMemberInactive } from "./errors.ts"
import { type OrganizationTags, organizationTags } from "./tags.ts"

/** Everything an eShop use case knows before it calls Shopify. */
export interface EshopMember {
  readonly context: ActorContext
  readonly organization: Organization
  readonly user: User
  readonly store: ConnectedStore
  readonly tags: OrganizationTags
}

/**
 * Checks, in one short transaction, that the actor may manage eShop access of this member and loads what the
 * Shopify calls need: `eshop:manage` tenant-wide or in the organization (a portal Admin for their own), a
 * connected store (`EshopNotConfigured`), the organization (`OrganizationNotFound`) and the membership
 * (`MembershipNotFound`). With `grant`, the membership must be in effect and the user neither disabled nor
 * deactivated (`EshopMemberInactive`): access is only granted to people who may use the portal.
 */
export const loadEshopMember = Effect.fnUntraced(function* (
  actor: Actor,
  organizationId: OrganizationId,
  userId: UserId,
  options: { readonly grant: boolean }
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermissionIn(context, organizationId, "eshop:manage")
      const store = yield* connectedStore(context.tenant.id)
      const organization = yield* findOrganization(context, organizationId)
      const membership = yield* (yield* MembershipRepository).find(context.tenant.id, organizationId, userId)
      if (Option.isNone(membership)) return yield* new MembershipNotFound({ organizationId, userId })
      const user = yield* (yield* UserRepository).findById(context.tenant.id, userId)
      // The store removes a user's memberships with the user, so a membership always has its user.
      if (Option.isNone(user)) return yield* Effect.die(new UserNotFound({ userId }))
      const usable = user.value.status === "active" || user.value.status === "pending"
      if (options.grant && !(usable && isInEffect(membership.value, context.now))) {
        return yield* new EshopMemberInactive({ organizationId, userId })
      }
      const member: EshopMember = {
        context,
        organization,
        user: user.value,
        store,
        tags: organizationTags(store.tagFormats, organization)
      }
      return member
    })
  )
})

/**
 * Records what a use case did in Shopify, in its own short transaction after the remote calls (a remote call
 * never runs inside a transaction, where it would hold locks for its whole duration).
 */
export const auditEshop = (member: EshopMember, entry: Omit<AuditEntry, "targetType" | "targetId">) =>
  transactional(
    auditBy(member.context, {
      ...entry,
      targetType: "user",
      targetId: member.user.id,
      details: { organizationId: member.organization.id, ...entry.details }
    })
  )
