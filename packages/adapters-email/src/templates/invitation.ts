import type { Email, MailMessage, PresetName } from "@gatehouse/domain"
import { escapeHtml } from "./escapeHtml.ts"

/** What an invitation email says, whatever the product. */
export interface InvitationContent {
  readonly tenantName: string
  /** How the email greets the person (their first name). */
  readonly recipientName: string
  /** The one-time setup link (`${GATEHOUSE_PUBLIC_URL}/setup#token=...`). */
  readonly link: string
  readonly expiresAt: Date
}

/** The words of one product's invitation; the layout is shared. */
interface Wording {
  readonly subject: (tenant: string) => string
  readonly intro: (tenant: string) => string
  readonly action: string
  /** A step the product asks for during setup, said in advance. */
  readonly note?: string
}

// One entry per preset (the product documents): how each product speaks to the people it invites.
const WORDING: Readonly<Record<PresetName, Wording>> = {
  weevio: {
    subject: (tenant) => `Your ${tenant} account is ready`,
    intro: (tenant) => `An account has been created for you at ${tenant}.`,
    action: "Choose your password"
  },
  wetrack: {
    subject: (tenant) => `You have been invited to ${tenant}`,
    intro: (tenant) => `Your administrator at ${tenant} has invited you to join the team workspace.`,
    action: "Accept the invitation"
  },
  weavestream: {
    subject: (tenant) => `Set up your ${tenant} access`,
    intro: (tenant) => `You have been granted access to ${tenant}.`,
    action: "Set up your access",
    note: "You will choose a password and register an authenticator app for two-factor sign-in."
  },
  puqcloud: {
    subject: (tenant) => `Activate your ${tenant} account`,
    intro: (tenant) => `A ${tenant} account has been opened for you.`,
    action: "Activate your account"
  }
}

/** "2026-01-04 09:30 UTC": unambiguous in every language the reader may use. */
export const formatExpiry = (at: Date): string =>
  at
    .toISOString()
    .replace("T", " ")
    .replace(/:\d{2}\.\d{3}Z$/u, " UTC")

// Only a web link becomes a button: anything else (a misconfigured origin) is shown as text, never an href.
export const isWebLink = (link: string): boolean => /^https?:\/\//iu.test(link)

/**
 * The invitation of a preset as a subject, a plain-text body and an HTML body saying the same. Every value
 * that reaches the HTML is escaped (a tenant named `<script>` shows as text); the link appears in both bodies.
 */
export const renderInvitation = (
  preset: PresetName,
  content: InvitationContent
): Pick<MailMessage, "subject" | "text" | "html"> => {
  const wording = WORDING[preset]
  const expiry = formatExpiry(content.expiresAt)
  const closing = `The link works once and expires on ${expiry}. If you did not expect this email, you can ignore it.`
  const text = [
    `Hello ${content.recipientName},`,
    "",
    wording.intro(content.tenantName),
    ...(wording.note === undefined ? [] : ["", wording.note]),
    "",
    `${wording.action}: ${content.link}`,
    "",
    closing
  ].join("\n")
  const e = escapeHtml
  const link = e(content.link)
  const button = isWebLink(content.link)
    ? `<p><a href="${link}" style="display:inline-block;padding:10px 18px;background:#1f4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${e(wording.action)}</a></p>\n<p style="font-size:13px;color:#555555">Or copy this link into your browser: ${link}</p>`
    : `<p>${e(wording.action)}: ${link}</p>`
  const html = [
    "<!doctype html>",
    `<html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1a1a1a">`,
    `<p>Hello ${e(content.recipientName)},</p>`,
    `<p>${e(wording.intro(content.tenantName))}</p>`,
    ...(wording.note === undefined ? [] : [`<p>${e(wording.note)}</p>`]),
    button,
    `<p style="font-size:13px;color:#555555">${e(closing)}</p>`,
    "</body></html>"
  ].join("\n")
  return { subject: wording.subject(content.tenantName), text, html }
}

/**
 * The invitation message for a user of a tenant, per the tenant's preset: the same arguments as the domain's
 * generic `invitationEmail`, so a composition root can swap one for the other.
 */
export const invitationMessage = (
  tenant: { readonly name: string; readonly preset: PresetName },
  user: { readonly email: Email; readonly firstName: string },
  link: string,
  expiresAt: Date
): MailMessage => ({
  to: user.email,
  ...renderInvitation(tenant.preset, {
    tenantName: tenant.name,
    recipientName: user.firstName,
    link,
    expiresAt
  })
})
