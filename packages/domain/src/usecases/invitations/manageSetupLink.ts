import { Effect, Option } from "effect"
import { RoleEscalation } from "../../errors/authorization.ts"
import { UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import { InvitationRepository } from "../../ports/InvitationRepository.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { missingForGrant } from "../../rules/permissions.ts"
import { heldIn } from "../memberships/memberAccess.ts"
import { type ActorContext, authenticate, requirePermission, rolesOf } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { guardOutranks } from "../users/guards.ts"
import { UserNotPending } from "./errors.ts"
import { issueSetupInvitation } from "./issueSetupInvitation.ts"

/**
 * Loads a pending user the actor may invite: `users:write` or `users:invite`, and every permission of the
 * user's role and module permissions held by the actor, and inside each of the user's organizations every
 * permission of their membership role (rule 4: whoever holds the link can become that user).
 */
const invitableUser = Effect.fnUntraced(function* (context: ActorContext, userId: UserId) {
  yield* requirePermission(
    context,
    context.permissions.tenant.has("users:write") ? "users:write" : "users:invite"
  )
  const found = yield* (yield* UserRepository).findById(context.tenant.id, userId)
  if (Option.isNone(found)) return yield* new UserNotFound({ userId })
  const user = found.value
  if (user.status !== "pending") return yield* new UserNotPending({ userId, status: user.status })
  yield* guardOutranks(context, rolesOf(context).all, user)
  const roles = rolesOf(context)
  for (const membership of yield* (yield* MembershipRepository).listByUser(context.tenant.id, user.id)) {
    const role = roles.organization(membership.role)
    const missing = missingForGrant(heldIn(context, membership.organizationId), role?.permissions ?? [])
    if (missing.length > 0) return yield* new RoleEscalation({ missing })
  }
  return user
})

/**
 * Sends a pending user a new setup link (`POST /v1/users/{id}/setup-link`): the previous link stops working.
 * Returns the new link once, for the admin to pass on.
 */
export const regenerateSetupLink = Effect.fn("regenerateSetupLink")(function* (actor: Actor, userId: UserId) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      const user = yield* invitableUser(context, userId)
      return yield* issueSetupInvitation(context.tenant, user, actor)
    })
  )
})

/** Revokes a pending user's setup link without sending a new one; returns how many links were revoked. */
export const revokeSetupLink = Effect.fn("revokeSetupLink")(function* (actor: Actor, userId: UserId) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      const user = yield* invitableUser(context, userId)
      const revoked = yield* (yield* InvitationRepository).revokePendingForUser(context.tenant.id, user.id)
      yield* auditBy(context, {
        action: "invitation.revoked",
        targetType: "user",
        targetId: user.id,
        details: { revoked }
      })
      return { revoked }
    })
  )
})
