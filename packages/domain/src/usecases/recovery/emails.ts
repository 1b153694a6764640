import { Context, Effect } from "effect"
import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import type { MailDeliveryFailed, MailMessage } from "../../ports/Mailer.ts"

/** Writes a recovery email of a user: the tenant, the person, the one-time link and its expiry. */
export type RecoveryEmailBuilder = (
  tenant: Pick<Tenant, "name" | "preset">,
  user: Pick<User, "email" | "firstName">,
  link: string,
  expiresAt: Date
) => MailMessage

const escapeHtml = (text: string): string => text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`)

const formatExpiry = (at: Date): string =>
  at
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/u, " UTC")

const generic =
  (
    subject: (tenant: string) => string,
    intro: (tenant: string) => string,
    ignore: string
  ): RecoveryEmailBuilder =>
  (tenant, user, link, expiresAt) => {
    const closing = `The link works once and expires on ${formatExpiry(expiresAt)}. ${ignore}`
    const text = [`Hello ${user.firstName},`, "", intro(tenant.name), "", link, "", closing].join("\n")
    const html = [
      `<p>Hello ${escapeHtml(user.firstName)},</p>`,
      `<p>${escapeHtml(intro(tenant.name))}</p>`,
      `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
      `<p>${escapeHtml(closing)}</p>`
    ].join("\n")
    return { to: user.email, subject: subject(tenant.name), text, html }
  }

/** The domain's generic password reset email. */
export const passwordResetEmail: RecoveryEmailBuilder = generic(
  (tenant) => `Reset your ${tenant} password`,
  (tenant) =>
    `Someone asked to reset the password of your ${tenant} account. Open this link to choose a new one:`,
  "If you did not ask for it, ignore this email: your password stays as it is."
)

/** The domain's generic email verification email. */
export const emailVerificationEmail: RecoveryEmailBuilder = generic(
  (tenant) => `Confirm your email address for ${tenant}`,
  (tenant) => `Open this link to confirm that this email address belongs to your ${tenant} account:`,
  "If you did not ask for it, you can ignore this email."
)

/**
 * The password reset email; defaults to the generic wording. A composition root replaces it with the per-preset
 * templates of `@gatehouse/adapters-email`: `Layer.succeed(PasswordResetEmailTemplate, passwordResetMessage)`.
 */
export const PasswordResetEmailTemplate: Context.Reference<RecoveryEmailBuilder> =
  Context.Reference<RecoveryEmailBuilder>("@gatehouse/domain/PasswordResetEmailTemplate", {
    defaultValue: () => passwordResetEmail
  })

/** The email verification email; defaults to the generic wording (replace it like the reset template). */
export const EmailVerificationEmailTemplate: Context.Reference<RecoveryEmailBuilder> =
  Context.Reference<RecoveryEmailBuilder>("@gatehouse/domain/EmailVerificationEmailTemplate", {
    defaultValue: () => emailVerificationEmail
  })

/** Hands one send to the mail system in a way of the composition's choosing. */
export type MailDispatcher = (send: Effect.Effect<void, MailDeliveryFailed>) => Effect.Effect<void>

/**
 * Delivery off the request's path: the send runs in a detached fiber, and a refusal is logged (without the
 * message). The anonymous reset request uses it, so its answer neither waits for nor reveals the mail system
 * (an email goes out only for some accounts: waiting would tell which).
 */
export const backgroundDispatch: MailDispatcher = (send) =>
  Effect.asVoid(
    Effect.forkDetach(
      send.pipe(
        Effect.catchTag("MailDeliveryFailed", (e) =>
          Effect.logWarning("A recovery email was not delivered").pipe(
            Effect.annotateLogs({ reason: e.reason })
          )
        )
      )
    )
  )

/** Delivery in the caller's fiber (tests that read the outbox right after the answer). */
export const inlineDispatch: MailDispatcher = (send) =>
  send.pipe(
    Effect.catchTag("MailDeliveryFailed", (e) =>
      Effect.logWarning("A recovery email was not delivered").pipe(Effect.annotateLogs({ reason: e.reason }))
    )
  )

/** How the anonymous reset request dispatches its email: in the background unless a composition says otherwise. */
export const RecoveryMailDispatch: Context.Reference<MailDispatcher> = Context.Reference<MailDispatcher>(
  "@gatehouse/domain/RecoveryMailDispatch",
  { defaultValue: () => backgroundDispatch }
)
