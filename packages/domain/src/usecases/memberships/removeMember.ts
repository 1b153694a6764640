import { Effect, Option } from "effect"
import { CannotDeleteSelf } from "../../errors/authorization.ts"
import { MembershipNotFound, UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId, UserId } from "../../model/ids.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { authenticate, isSelf, requirePermissionIn } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { findOrganization, guardLastOrganizationAdmin, requireMemberManagement } from "./memberAccess.ts"

/**
 * Removes a user from an organization (the user stays in the tenant). Needs `members:manage` tenant-wide or
 * in that organization. Nobody removes themselves (`CannotDeleteSelf`); the organization keeps an Admin in
 * effect (`LastAdmin`, see `guardLastOrganizationAdmin`). An individual account's members are a tenant admin's
 * to manage (`IndividualAccount`).
 */
export const removeMember = Effect.fn("removeMember")(function* (
  actor: Actor,
  organizationId: OrganizationId,
  userId: UserId
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermissionIn(context, organizationId, "members:manage")
      if (isSelf(context, userId)) return yield* new CannotDeleteSelf()
      // Serialises the changes that guard the last Admin (rule 5); the tenant was just read, so it exists.
      yield* (yield* TenantRepository).lock(context.tenant.id).pipe(Effect.orDie)
      yield* requireMemberManagement(context, yield* findOrganization(context, organizationId))
      const memberships = yield* MembershipRepository
      const found = yield* memberships.find(context.tenant.id, organizationId, userId)
      if (Option.isNone(found)) return yield* new MembershipNotFound({ organizationId, userId })
      const member = yield* (yield* UserRepository).findById(context.tenant.id, userId)
      // The store removes a user's memberships with the user, so a membership always has its user.
      if (Option.isNone(member)) return yield* Effect.die(new UserNotFound({ userId }))
      yield* guardLastOrganizationAdmin(context, found.value, member.value, undefined)
      yield* memberships.delete(context.tenant.id, organizationId, userId)
      yield* auditBy(context, {
        action: "membership.removed",
        targetType: "user",
        targetId: userId,
        details: { organizationId, role: found.value.role },
        resource: { ...found.value, user: member.value }
      })
    })
  )
})
