import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import type { MailMessage } from "../../ports/Mailer.ts"

const escapeHtml = (text: string): string => text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`)

/** The invitation email: who invites, the one-time link, and when it stops working. */
export const invitationEmail = (
  tenant: Pick<Tenant, "name">,
  user: Pick<User, "email" | "firstName">,
  link: string,
  expiresAt: Date
): MailMessage => {
  const expiry = expiresAt
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/u, " UTC")
  const subject = `Set up your ${tenant.name} account`
  const text = [
    `Hello ${user.firstName},`,
    "",
    `An account has been created for you at ${tenant.name}. Open this link to choose your password and finish setting up your account:`,
    "",
    link,
    "",
    `The link works once and expires on ${expiry}. If you did not expect this email, you can ignore it.`
  ].join("\n")
  const html = [
    `<p>Hello ${escapeHtml(user.firstName)},</p>`,
    `<p>An account has been created for you at ${escapeHtml(tenant.name)}. Open this link to choose your password and finish setting up your account:</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    `<p>The link works once and expires on ${escapeHtml(expiry)}. If you did not expect this email, you can ignore it.</p>`
  ].join("\n")
  return { to: user.email, subject, text, html }
}
