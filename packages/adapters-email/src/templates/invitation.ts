import type { MailMessage, PresetName } from "@gatehouse/domain"
import {
  type LinkEmailContent,
  type MessageBuilder,
  messageBuilder,
  renderLinkEmail,
  type Wording
} from "./layout.ts"

/** What an invitation email says, whatever the product (the link is `${GATEHOUSE_PUBLIC_URL}/setup#token=...`). */
export type InvitationContent = LinkEmailContent

const IGNORE = "If you did not expect this email, you can ignore it."

// One entry per preset (the product documents): how each product speaks to the people it invites.
const WORDING: Readonly<Record<PresetName, Wording>> = {
  weevio: {
    subject: (tenant) => `Your ${tenant} account is ready`,
    intro: (tenant) => `An account has been created for you at ${tenant}.`,
    action: "Choose your password",
    ignore: IGNORE
  },
  wetrack: {
    subject: (tenant) => `You have been invited to ${tenant}`,
    intro: (tenant) => `Your administrator at ${tenant} has invited you to join the team workspace.`,
    action: "Accept the invitation",
    ignore: IGNORE
  },
  weavestream: {
    subject: (tenant) => `Set up your ${tenant} access`,
    intro: (tenant) => `You have been granted access to ${tenant}.`,
    action: "Set up your access",
    ignore: IGNORE,
    note: "You will choose a password and register an authenticator app for two-factor sign-in."
  },
  puqcloud: {
    subject: (tenant) => `Activate your ${tenant} account`,
    intro: (tenant) => `A ${tenant} account has been opened for you.`,
    action: "Activate your account",
    ignore: IGNORE
  }
}

/** The invitation of a preset: subject, plain text and HTML saying the same, every value escaped. */
export const renderInvitation = (
  preset: PresetName,
  content: InvitationContent
): Pick<MailMessage, "subject" | "text" | "html"> => renderLinkEmail(WORDING[preset], content)

/**
 * The invitation message for a user of a tenant, per the tenant's preset: the same arguments as the domain's
 * generic `invitationEmail`, so a composition root can swap one for the other.
 */
export const invitationMessage: MessageBuilder = messageBuilder(WORDING)
