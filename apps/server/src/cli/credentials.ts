import { Console, Effect, Redacted } from "effect"

/** What a create command hands back once: a temporary password or a setup link. */
export interface OneTimeCredential {
  readonly generatedPassword?: Redacted.Redacted<string> | undefined
  readonly setupUrl?: Redacted.Redacted<string> | undefined
  readonly expiresAt?: Date | undefined
  readonly emailSent?: boolean | undefined
}

/** Prints the credential to stdout, the only place it ever appears. */
export const printCredential = (who: string, created: OneTimeCredential): Effect.Effect<void> => {
  if (created.generatedPassword !== undefined) {
    return Console.log(
      `${who}: temporary password ${Redacted.value(created.generatedPassword)} (shown once; changed at first login)`
    )
  }
  if (created.setupUrl !== undefined) {
    const expiry = created.expiresAt === undefined ? "" : `, expires ${created.expiresAt.toISOString()}`
    const mail = created.emailSent === false ? "; the email could not be sent: pass the link on" : ""
    return Console.log(`${who}: setup link ${Redacted.value(created.setupUrl)} (shown once${expiry}${mail})`)
  }
  return Effect.void
}
