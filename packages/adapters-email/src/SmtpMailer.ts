import { MailDeliveryFailed, Mailer, type MailMessage } from "@gatehouse/domain"
import { Data, Effect, Layer, Redacted, type Scope } from "effect"
import nodemailer from "nodemailer"

/** How to reach the mail server: `SMTP_URL` and the sender. */
export interface SmtpConfig {
  /**
   * `smtp://user:password@host:587` (upgraded with STARTTLS when the server offers it) or
   * `smtps://user:password@host:465` (TLS from the start); user and password percent-encoded. Query
   * parameters are nodemailer's transport options (e.g. `?requireTLS=true`).
   */
  readonly url: Redacted.Redacted<string> | string
  /** The From header, e.g. `Gatehouse <no-reply@example.com>`. */
  readonly from: string
  /** Connections kept open to the server and used in parallel (default 5). */
  readonly maxConnections?: number
  /** Connect, greeting and socket inactivity timeout in milliseconds (default 15,000). */
  readonly timeoutMs?: number
}

/** `SMTP_URL` is not an smtp:// or smtps:// URL with a host. The message never holds the password. */
export class InvalidSmtpUrl extends Data.TaggedError("InvalidSmtpUrl")<{ readonly message: string }> {}

const parseUrl = (raw: string): Effect.Effect<URL, InvalidSmtpUrl> =>
  Effect.suspend(() => {
    const url = URL.canParse(raw) ? new URL(raw) : undefined
    if (url === undefined || !["smtp:", "smtps:"].includes(url.protocol) || url.hostname === "") {
      return Effect.fail(
        new InvalidSmtpUrl({
          message: "SMTP_URL must look like smtp://user:password@host:587 or smtps://..."
        })
      )
    }
    return Effect.succeed(url)
  })

// Only the error's code and the server's reply code: a reply text may quote the recipient or the message.
const deliveryFailed = (cause: unknown): MailDeliveryFailed => {
  const error = cause as { readonly code?: unknown; readonly responseCode?: unknown }
  const code = typeof error?.code === "string" ? error.code : "ESEND"
  const reply = typeof error?.responseCode === "number" ? ` (${error.responseCode})` : ""
  return new MailDeliveryFailed({ reason: `${code}${reply}` })
}

// A header is one line: a tenant name with a line break must not start a header of its own.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const oneLine = (text: string): string => text.replace(/[\u0000-\u001F\u007F]+/gu, " ")

/**
 * A Mailer over SMTP with a pool of connections, closed with the scope. `send` resolves once the server has
 * accepted the message and fails with `MailDeliveryFailed` otherwise (refused, unreachable, timed out); neither
 * the body nor the server's reply text is logged or kept in the error, since the body holds one-time links.
 */
export const make = (config: SmtpConfig): Effect.Effect<Mailer["Service"], InvalidSmtpUrl, Scope.Scope> =>
  Effect.gen(function* () {
    const url = yield* parseUrl(Redacted.isRedacted(config.url) ? Redacted.value(config.url) : config.url)
    const timeout = config.timeoutMs ?? 15_000
    const transport = yield* Effect.acquireRelease(
      Effect.sync(() =>
        nodemailer.createTransport({
          url: url.href,
          pool: true,
          maxConnections: config.maxConnections ?? 5,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout,
          logger: false,
          debug: false
        })
      ),
      (t) => Effect.sync(() => t.close())
    )
    const send = (message: MailMessage): Effect.Effect<void, MailDeliveryFailed> =>
      Effect.tryPromise({
        try: () =>
          transport.sendMail({
            from: config.from,
            to: message.to,
            subject: oneLine(message.subject),
            text: message.text,
            html: message.html,
            // RFC 3834: an automatic message; auto-responders should not answer it.
            headers: { "Auto-Submitted": "auto-generated" }
          }),
        catch: deliveryFailed
      }).pipe(Effect.asVoid)
    return Mailer.of({ send })
  })

/** The Mailer port over SMTP (`SMTP_URL`); fails to build with `InvalidSmtpUrl` on a malformed URL. */
export const layer = (config: SmtpConfig): Layer.Layer<Mailer, InvalidSmtpUrl> =>
  Layer.effect(Mailer, make(config))
