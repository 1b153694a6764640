import { Effect } from "effect"
import type { User } from "../../model/user.ts"
import { InvitationRepository } from "../../ports/InvitationRepository.ts"
import type { ActorContext } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"

/**
 * Revokes every open setup link of a user who has not finished setup, after a change of what they are granted
 * (tenant role, module permissions, a membership added or changed), in the caller's transaction; audits
 * `invitation.revoked` with the reason when a link was open. Whoever holds a link becomes its user, so a link
 * must never carry more than its issuer could grant: a new one comes from whoever may grant the new grants
 * (`regenerateSetupLink` checks that). Active users have no open links and cost nothing here.
 */
export const revokeLinksOnGrantChange = Effect.fnUntraced(function* (
  context: ActorContext,
  user: Pick<User, "id" | "status">,
  reason: "role_changed" | "module_permissions_changed" | "membership_changed"
) {
  if (user.status === "active") return 0
  const revoked = yield* (yield* InvitationRepository).revokePendingForUser(context.tenant.id, user.id)
  if (revoked > 0) {
    yield* auditBy(context, {
      action: "invitation.revoked",
      targetType: "user",
      targetId: user.id,
      details: { revoked, reason }
    })
  }
  return revoked
})
