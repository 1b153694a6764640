import type { Organization } from "../../model/organization.ts"
import type { User } from "../../model/user.ts"
import type { MailMessage } from "../../ports/Mailer.ts"

const escapeHtml = (text: string): string => text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The invitation to a store on new customer accounts, where Shopify sends no invite email: the person signs in
 * at the store's customer accounts URL with a one-time code sent to their email, so the URL is not a secret.
 */
export const eshopInvitationEmail = (
  organization: Pick<Organization, "name">,
  user: Pick<User, "email" | "firstName">,
  url: string
): MailMessage => {
  const subject = `Your access to the online store for ${organization.name}`
  const text = [
    `Hello ${user.firstName},`,
    "",
    `You can now order online for ${organization.name}. Sign in with this email address (${user.email}) here:`,
    "",
    url,
    "",
    "If you did not expect this email, you can ignore it."
  ].join("\n")
  const html = [
    `<p>Hello ${escapeHtml(user.firstName)},</p>`,
    `<p>You can now order online for ${escapeHtml(organization.name)}. Sign in with this email address (${escapeHtml(user.email)}) here:</p>`,
    `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`,
    "<p>If you did not expect this email, you can ignore it.</p>"
  ].join("\n")
  return { to: user.email, subject, text, html }
}
