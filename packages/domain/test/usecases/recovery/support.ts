import { assert } from "@effect/vitest"
import { inlineDispatch, type MailMessage, RecoveryMailDispatch } from "@gatehouse/domain"
import { layerMemory, memory } from "@gatehouse/testkit"
import { Effect, Layer, Redacted } from "effect"

/** Each test on its own empty in-memory store; recovery emails are dispatched inline (read right after). */
export const provide = Effect.provide(
  Layer.mergeAll(Layer.fresh(layerMemory), Layer.succeed(RecoveryMailDispatch, inlineDispatch))
)

/** A password every preset's policy accepts and that shares no word with the seeded people. */
export const NEW_PASSWORD = "Copper-Meadow-Falcon-81"

/** Every message sent so far. */
export const outbox = memory.Mailer.outbox

/** The link of `page` in the last message sent, and that message (asserts there is one). */
export const lastLink = (page: "password-reset" | "verify-email" | "setup") =>
  Effect.gen(function* () {
    const messages = yield* outbox
    const mail = messages.at(-1) as MailMessage | undefined
    assert.isDefined(mail, "an email was sent")
    const pattern = new RegExp(`https?://\\S+/${page}#token=[^\\s"<]+`, "u")
    const link = pattern.exec(mail!.text)?.[0]
    assert.isDefined(link, `the email carries a ${page} link: ${mail!.text}`)
    assert.include(mail!.html, link!, "the HTML body carries the same link")
    return { mail: mail!, link: link!, token: tokenOfLink(link!) }
  })

/** The token in a link's fragment. */
export const tokenOfLink = (link: string): Redacted.Redacted<string> => {
  const hash = new URL(link).hash
  assert.isTrue(hash.startsWith("#token="), `no token in the fragment of ${link}`)
  return Redacted.make(decodeURIComponent(hash.slice("#token=".length)))
}
