import * as Email from "@gatehouse/adapters-email"
import type { Mailer } from "@gatehouse/domain"
import type { Layer } from "effect"
import type { Config } from "./config.ts"
import type { StartLog } from "./dataDir.ts"

/**
 * The Mailer: SMTP when `SMTP_URL` is set; otherwise each invitation email goes to the log, links included,
 * for local use (DESIGN "Running it"), with a warning at start.
 */
export const layerMailer = (config: Config, log: StartLog): Layer.Layer<Mailer, Email.InvalidSmtpUrl> => {
  if (config.smtp !== undefined) return Email.layer({ url: config.smtp.url, from: config.smtp.from })
  log.warn("SMTP_URL is not set: invitation emails are written to the log, links included (local use only)")
  return Email.layerLog
}
