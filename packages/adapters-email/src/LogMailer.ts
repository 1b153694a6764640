import { Mailer, type MailMessage } from "@gatehouse/domain"
import { Effect, Layer } from "effect"

const entry = (message: MailMessage): string =>
  [`To: ${message.to}`, `Subject: ${message.subject}`, "", message.text].join("\n")

/**
 * A Mailer that writes each email (recipient, subject and the plain-text body, links included) to the log
 * instead of sending it: for local use when `SMTP_URL` is unset, so a developer can follow a setup link.
 * It deliberately breaks the port's "never logs the body" for that purpose: never use it in production.
 */
export const layerLog: Layer.Layer<Mailer> = Layer.succeed(
  Mailer,
  Mailer.of({
    send: (message) => Effect.logInfo(entry(message)).pipe(Effect.annotateLogs({ mailer: "log" }))
  })
)
