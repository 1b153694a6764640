import { Context } from "effect"
import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import type { MailMessage } from "../../ports/Mailer.ts"
import { invitationEmail } from "./email.ts"

/** Writes the invitation email of a user: the tenant, the person, the one-time setup link and its expiry. */
export type InvitationEmailBuilder = (
  tenant: Pick<Tenant, "name" | "preset">,
  user: Pick<User, "email" | "firstName">,
  link: string,
  expiresAt: Date
) => MailMessage

/**
 * The invitation email every use case sends (`issueSetupInvitation`, so user creation, invitations and new
 * setup links; and the bulk import). Defaults to the domain's generic wording; a composition root replaces it,
 * e.g. with the per-preset templates of `@gatehouse/adapters-email`:
 * `Layer.succeed(InvitationEmailTemplate, invitationMessage)`.
 */
export const InvitationEmailTemplate: Context.Reference<InvitationEmailBuilder> =
  Context.Reference<InvitationEmailBuilder>("@gatehouse/domain/InvitationEmailTemplate", {
    defaultValue: () => invitationEmail
  })
