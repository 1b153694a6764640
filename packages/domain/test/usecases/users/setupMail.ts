import { assert } from "@effect/vitest"
import { completeSetup, decodeBase32, generateTotp, type MailMessage, startSetup } from "@gatehouse/domain"
import { memory } from "@gatehouse/testkit"
import { Clock, Effect, Redacted } from "effect"

/** A password every preset's policy accepts and that shares no word with the seeded people. */
export const SETUP_PASSWORD = Redacted.make("Quartz-Lantern-Orbit-92-Meadow")

/** The one message in the in-memory outbox, and the setup link it carries (asserts there is exactly one). */
export const theInvitationEmail = Effect.gen(function* () {
  const outbox = yield* memory.Mailer.outbox
  assert.lengthOf(outbox, 1, `expected one email, got ${outbox.map((m) => m.subject).join(", ")}`)
  const mail = outbox[0] as MailMessage
  const link = /https?:\/\/\S+\/setup#token=\S+/u.exec(mail.text)?.[0]
  assert.isDefined(link, "the email carries a setup link")
  return { mail, link: link as string }
})

/** The setup token in a link's fragment. */
export const tokenOfLink = (link: string): Redacted.Redacted<string> => {
  const hash = new URL(link).hash
  assert.isTrue(hash.startsWith("#token="), `no token in the fragment of ${link}`)
  return Redacted.make(decodeURIComponent(hash.slice("#token=".length)))
}

/**
 * Does what the invited person does with the emailed link: starts setup, enrols TOTP when asked, and completes
 * it with a display name and a password.
 */
export const followSetupLink = (link: string) =>
  Effect.gen(function* () {
    const token = tokenOfLink(link)
    const started = yield* startSetup({ token })
    let totpCode: string | undefined
    if (started.requiresTotp) {
      assert.isDefined(started.totp)
      const key = yield* decodeBase32(Redacted.value(started.totp!.secret))
      totpCode = yield* generateTotp(key, yield* Clock.currentTimeMillis)
    }
    return yield* completeSetup({
      token,
      displayName: "Invited Person",
      password: SETUP_PASSWORD,
      ...(totpCode === undefined ? {} : { totpCode })
    })
  })
