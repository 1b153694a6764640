import type { MailMessage, PresetName } from "@gatehouse/domain"
import {
  type LinkEmailContent,
  type MessageBuilder,
  messageBuilder,
  renderLinkEmail,
  type Wording
} from "./layout.ts"

/** What a password reset or email verification email says (`/password-reset#token=...`, `/verify-email#token=...`). */
export type RecoveryContent = LinkEmailContent

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

type Rendered = Pick<MailMessage, "subject" | "text" | "html">

/** The password reset email of a preset: subject, plain text and HTML saying the same, every value escaped. */
export const renderPasswordReset = (preset: PresetName, content: RecoveryContent): Rendered =>
  renderLinkEmail(RESET[preset], content)

/** The email verification email of a preset. */
export const renderEmailVerification = (preset: PresetName, content: RecoveryContent): Rendered =>
  renderLinkEmail(VERIFY[preset], content)

/** The domain's `PasswordResetEmailTemplate` in each preset's words. */
export const passwordResetMessage: MessageBuilder = messageBuilder(RESET)

/** The domain's `EmailVerificationEmailTemplate` in each preset's words. */
export const emailVerificationMessage: MessageBuilder = messageBuilder(VERIFY)
