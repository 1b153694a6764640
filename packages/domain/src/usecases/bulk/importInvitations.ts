import { Effect, Redacted } from "effect"
import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import { type Invitation, InvitationRepository } from "../../ports/InvitationRepository.ts"
import { Mailer } from "../../ports/Mailer.ts"
import { InvitationEmailTemplate } from "../invitations/InvitationEmailTemplate.ts"
import { PublicUrl, setupLink } from "../invitations/PublicUrl.ts"
import { invitationExpiresAt, pendingInvitation } from "../invitations/pendingInvitation.ts"
import { newSetupToken } from "../invitations/token.ts"

/** An invitation issued by an import's transaction, to be emailed once the transaction has committed. */
export interface InvitationToSend {
  readonly user: Pick<User, "email" | "firstName">
  readonly link: Redacted.Redacted<string>
  readonly expiresAt: Date
}

/** Setup tokens made at once (each hashes its secret). */
const TOKEN_CONCURRENCY = 16

/**
 * Issues a setup invitation for each newly imported (pending) user, in the caller's transaction and in one
 * `insertMany` (the caller passes one batch of users): only the SHA-256 of each token's secret is stored. The
 * links come back to be emailed after the commit (see `sendInvitations`); nothing is sent here. No previous
 * invitation can exist for a user created in the same transaction, so none is revoked; the import's one audit
 * event counts the invitations.
 */
export const issueImportInvitations = Effect.fnUntraced(function* (
  tenant: Tenant,
  users: ReadonlyArray<User>,
  at: Date
) {
  const invitations = yield* InvitationRepository
  const publicUrl = yield* PublicUrl
  const expiresAt = invitationExpiresAt(tenant, at)
  // Hashing goes through Web Crypto's asynchronous digest: a few at once keep its thread pool busy.
  const tokens = yield* Effect.forEach(users, () => newSetupToken, { concurrency: TOKEN_CONCURRENCY })
  const rows: Array<Invitation> = []
  const issued: Array<InvitationToSend> = []
  users.forEach((user, i) => {
    const setupToken = tokens[i]!
    rows.push(pendingInvitation(tenant, user, setupToken, expiresAt, at))
    issued.push({
      user: { email: user.email, firstName: user.firstName },
      link: Redacted.make(setupLink(publicUrl, Redacted.value(setupToken.token))),
      expiresAt
    })
  })
  if (rows.length > 0) yield* invitations.insertMany(rows)
  return issued
})

/** How many invitation emails the mail system took, and how many it refused. */
export interface SendCounts {
  readonly sent: number
  readonly failed: number
}

/** Messages handed to the mail system at once: enough to keep a pooled SMTP transport busy. */
const SEND_CONCURRENCY = 8

/**
 * Emails committed invitations, a few at a time, each written by the `InvitationEmailTemplate` in force. A
 * refused message is counted, not fatal: the invitation stands and an admin sends a new link (the bulk `invite`
 * action or `POST /v1/users/{id}/setup-link`).
 */
export const sendInvitations = (
  tenant: Pick<Tenant, "name" | "preset">,
  invitations: ReadonlyArray<InvitationToSend>
): Effect.Effect<SendCounts, never, Mailer> =>
  Effect.gen(function* () {
    const mailer = yield* Mailer
    const template = yield* InvitationEmailTemplate
    const outcomes = yield* Effect.forEach(
      invitations,
      (invitation) =>
        mailer
          .send(template(tenant, invitation.user, Redacted.value(invitation.link), invitation.expiresAt))
          .pipe(
            Effect.as(true),
            Effect.catchTag("MailDeliveryFailed", () => Effect.succeed(false))
          ),
      { concurrency: SEND_CONCURRENCY }
    )
    const sent = outcomes.filter(Boolean).length
    return { sent, failed: outcomes.length - sent }
  })
