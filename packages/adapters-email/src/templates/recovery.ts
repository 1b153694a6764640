import type { Email, MailMessage, PresetName } from "@gatehouse/domain"
import { escapeHtml } from "./escapeHtml.ts"
import { formatExpiry, isWebLink } from "./invitation.ts"

/** What a password reset or email verification email says, whatever the product. */
export interface RecoveryContent {
  readonly tenantName: string
  /** How the email greets the person (their first name). */
  readonly recipientName: string
  /** The one-time link (`${GATEHOUSE_PUBLIC_URL}/password-reset#token=...` or `/verify-email#token=...`). */
  readonly link: string
  readonly expiresAt: Date
}

/** The words of one product's email; the layout is shared with the invitation. */
interface Wording {
  readonly subject: (tenant: string) => string
  readonly intro: (tenant: string) => string
  readonly action: string
  /** Said after the link: what happens if the reader did not ask for this. */
  readonly ignore: string
  readonly note?: string
}

const RESET_IGNORE = "If you did not ask for a new password, ignore this email: your password stays as it is."
const VERIFY_IGNORE = "If you did not ask for this, you can ignore this email."

// One entry per preset (the product documents): how each product speaks to its people.
const RESET: Readonly<Record<PresetName, Wording>> = {
  weevio: {
    subject: (tenant) => `Reset your ${tenant} password`,
    intro: (tenant) => `We received a request to reset the password of your ${tenant} account.`,
    action: "Choose a new password",
    ignore: RESET_IGNORE
  },
  wetrack: {
    subject: (tenant) => `Password reset for ${tenant}`,
    intro: (tenant) => `Someone asked to reset the password of your account in the ${tenant} workspace.`,
    action: "Reset your password",
    ignore: RESET_IGNORE
  },
  weavestream: {
    subject: (tenant) => `Reset the password of your ${tenant} access`,
    intro: (tenant) => `A password reset was requested for your ${tenant} access.`,
    action: "Reset your password",
    ignore: RESET_IGNORE,
    note: "Your authenticator app stays registered: you will still enter its code when you sign in."
  },
  puqcloud: {
    subject: (tenant) => `${tenant}: set a new password`,
    intro: (tenant) => `A password reset was requested for your ${tenant} account.`,
    action: "Set a new password",
    ignore: RESET_IGNORE
  }
}

const VERIFY: Readonly<Record<PresetName, Wording>> = {
  weevio: {
    subject: (tenant) => `Confirm your email address for ${tenant}`,
    intro: (tenant) => `Please confirm that this email address belongs to your ${tenant} account.`,
    action: "Confirm my email address",
    ignore: VERIFY_IGNORE
  },
  wetrack: {
    subject: (tenant) => `Verify your email for ${tenant}`,
    intro: (tenant) => `Please verify the email address of your account in the ${tenant} workspace.`,
    action: "Verify my email",
    ignore: VERIFY_IGNORE
  },
  weavestream: {
    subject: (tenant) => `Verify the email of your ${tenant} access`,
    intro: (tenant) => `Please verify the email address of your ${tenant} access.`,
    action: "Verify my email",
    ignore: VERIFY_IGNORE
  },
  puqcloud: {
    subject: (tenant) => `Verify your ${tenant} email address`,
    intro: (tenant) => `Please verify the email address of your ${tenant} account.`,
    action: "Verify email address",
    ignore: VERIFY_IGNORE
  }
}

const render = (
  wording: Wording,
  content: RecoveryContent
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

/** The password reset email of a preset: subject, plain text and HTML saying the same, every value escaped. */
export const renderPasswordReset = (preset: PresetName, content: RecoveryContent) =>
  render(RESET[preset], content)

/** The email verification email of a preset. */
export const renderEmailVerification = (preset: PresetName, content: RecoveryContent) =>
  render(VERIFY[preset], content)

type Builder = (
  tenant: { readonly name: string; readonly preset: PresetName },
  user: { readonly email: Email; readonly firstName: string },
  link: string,
  expiresAt: Date
) => MailMessage

const builder =
  (renderer: typeof renderPasswordReset): Builder =>
  (tenant, user, link, expiresAt) => ({
    to: user.email,
    ...renderer(tenant.preset, { tenantName: tenant.name, recipientName: user.firstName, link, expiresAt })
  })

/** The domain's `PasswordResetEmailTemplate` in each preset's words. */
export const passwordResetMessage: Builder = builder(renderPasswordReset)

/** The domain's `EmailVerificationEmailTemplate` in each preset's words. */
export const emailVerificationMessage: Builder = builder(renderEmailVerification)
