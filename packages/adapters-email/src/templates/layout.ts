import type { Email, MailMessage, PresetName } from "@gatehouse/domain"
import { escapeHtml } from "./escapeHtml.ts"

/** What every one-link email says, whatever the product: an invitation, a password reset, a verification. */
export interface LinkEmailContent {
  readonly tenantName: string
  /** How the email greets the person (their first name). */
  readonly recipientName: string
  /** The one-time link (`${GATEHOUSE_PUBLIC_URL}/setup#token=...`, `/password-reset#token=...`, ...). */
  readonly link: string
  readonly expiresAt: Date
}

/** The words of one product's email of one kind; the layout below is shared by all of them. */
export interface Wording {
  readonly subject: (tenant: string) => string
  readonly intro: (tenant: string) => string
  readonly action: string
  /** Said after the link: what the reader may do if they did not expect this email. */
  readonly ignore: string
  /** A step the product asks for, said in advance. */
  readonly note?: string
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
 * One email as a subject, a plain-text body and an HTML body saying the same. Every value that reaches the
 * HTML is escaped (a tenant named `<script>` shows as text); the link appears in both bodies.
 */
export const renderLinkEmail = (
  wording: Wording,
  content: LinkEmailContent
): Pick<MailMessage, "subject" | "text" | "html"> => {
  const closing = `The link works once and expires on ${formatExpiry(content.expiresAt)}. ${wording.ignore}`
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
 * The domain's email templates all take these arguments (`invitationEmail`, `PasswordResetEmailTemplate`,
 * `EmailVerificationEmailTemplate`), so a composition root can swap the generic ones for these.
 */
export type MessageBuilder = (
  tenant: { readonly name: string; readonly preset: PresetName },
  user: { readonly email: Email; readonly firstName: string },
  link: string,
  expiresAt: Date
) => MailMessage

/** A message builder from one wording per preset. */
export const messageBuilder =
  (wordings: Readonly<Record<PresetName, Wording>>): MessageBuilder =>
  (tenant, user, link, expiresAt) => ({
    to: user.email,
    ...renderLinkEmail(wordings[tenant.preset], {
      tenantName: tenant.name,
      recipientName: user.firstName,
      link,
      expiresAt
    })
  })
