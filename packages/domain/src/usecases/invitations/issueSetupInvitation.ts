import { Effect, Redacted } from "effect"
import type { Actor } from "../../model/actor.ts"
import { now } from "../../model/newId.ts"
import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import { InvitationRepository } from "../../ports/InvitationRepository.ts"
import { Mailer } from "../../ports/Mailer.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { InvitationEmailTemplate } from "./InvitationEmailTemplate.ts"
import { PublicUrl, setupLink } from "./PublicUrl.ts"
import { invitationExpiresAt, pendingInvitation } from "./pendingInvitation.ts"
import { newSetupToken } from "./token.ts"

export { DEFAULT_INVITATION_TTL_HOURS } from "./pendingInvitation.ts"

export interface SetupLink {
  /** `${PublicUrl}/setup#token=...`: a one-time secret, shown to the inviting admin once and emailed. */
  readonly setupUrl: Redacted.Redacted<string>
  readonly expiresAt: Date
  /** False when the mail system refused the message; the admin still has the link to pass on. */
  readonly emailSent: boolean
}

/** The audit identity of whoever issues an invitation. */
export const auditActorOf = (tenantId: Tenant["id"], actor: Actor) =>
  actor._tag === "User"
    ? { tenantId, actorKind: "user" as const, actorId: actor.userId }
    : { tenantId, actorKind: "platform" as const, actorId: null }

/**
 * Issues a setup invitation for a pending user: revokes their previous pending one, stores only the SHA-256 of
 * a new 32-byte secret, emails the link and audits `invitation.issued`, in the caller's transaction (or its
 * own). It does NO authorization: call it from a use case that did (createUser with an invitation, addMember,
 * createTenant with `invite`, regenerateSetupLink). The link's origin is the configured `PublicUrl` only.
 */
export const issueSetupInvitation = Effect.fn("issueSetupInvitation")(function* (
  tenant: Tenant,
  user: User,
  by: Actor
) {
  return yield* transactional(
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const at = yield* now
      const replaced = yield* invitations.revokePendingForUser(tenant.id, user.id)
      const expiresAt = invitationExpiresAt(tenant, at)
      const setupToken = yield* newSetupToken
      const { id, token } = setupToken
      yield* invitations.insert(pendingInvitation(tenant, user, setupToken, expiresAt, at))
      const link = setupLink(yield* PublicUrl, Redacted.value(token))
      // The message goes out after the invitation is written; a refused message does not undo it, because
      // the admin receives the link too and can pass it on.
      const message = (yield* InvitationEmailTemplate)(tenant, user, link, expiresAt)
      const emailSent = yield* (yield* Mailer).send(message).pipe(
        Effect.as(true),
        Effect.catchTag("MailDeliveryFailed", () => Effect.succeed(false))
      )
      yield* audit(auditActorOf(tenant.id, by), {
        action: "invitation.issued",
        targetType: "user",
        targetId: user.id,
        details: { invitationId: id, expiresAt: expiresAt.toISOString(), replaced, emailSent }
      })
      const result: SetupLink = { setupUrl: Redacted.make(link), expiresAt, emailSent }
      return result
    })
  )
})
