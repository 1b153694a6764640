import { Redacted } from "effect"

/**
 * Unwraps a secret for the one response the contract hands it out in (a generated password, a setup link, a
 * session token, a TOTP secret, recovery codes). Every call site is such a response; nothing else unwraps.
 */
export const reveal = (secret: Redacted.Redacted<string>): string => Redacted.value(secret)

/** `{ [key]: reveal(secret) }`, or nothing when the secret is absent (an optional member of the response). */
export const revealOptional = <K extends string>(
  key: K,
  secret: Redacted.Redacted<string> | undefined
): { readonly [P in K]?: string } =>
  (secret === undefined ? {} : { [key]: Redacted.value(secret) }) as { readonly [P in K]?: string }

/** The optional setup-link members of a create: the link (revealed), its expiry, whether it was emailed. */
export const setupLinkFields = (created: {
  readonly setupUrl?: Redacted.Redacted<string>
  readonly expiresAt?: Date
  readonly emailSent?: boolean
}): { readonly setupUrl?: string; readonly expiresAt?: Date; readonly emailSent?: boolean } => ({
  ...revealOptional("setupUrl", created.setupUrl),
  ...(created.expiresAt === undefined ? {} : { expiresAt: created.expiresAt }),
  ...(created.emailSent === undefined ? {} : { emailSent: created.emailSent })
})
