import { MailDeliveryFailed, Mailer, type MailMessage } from "@gatehouse/domain"
import { Data, Duration, Effect, Layer, Redacted, Schedule, type Scope } from "effect"
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
  /** Tries after a transient failure (a dropped connection, a 4xx reply): default 3, waits 200 ms, 400 ms, 800 ms. */
  readonly retries?: number
  /** The first wait before trying again (default 200 ms), doubled each time. */
  readonly retryDelayMs?: number
  /**
   * How long one try may take before it counts as lost and is tried again (default 20,000 ms). A pooled
   * connection can lose a message without an error when the server closed it while idle (nodemailer issue 511):
   * without this bound the send would wait for ever and the email never go.
   */
  readonly attemptTimeoutMs?: number
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

/** A failed send as nodemailer reports it: its error code and, when the server answered, the reply code. */
class SendFailed extends Data.TaggedError("SendFailed")<{
  readonly code: string
  readonly responseCode: number | undefined
}> {}

const sendFailed = (cause: unknown): SendFailed => {
  const error = cause as { readonly code?: unknown; readonly responseCode?: unknown }
  return new SendFailed({
    code: typeof error?.code === "string" ? error.code : "ESEND",
    responseCode: typeof error?.responseCode === "number" ? error.responseCode : undefined
  })
}

/**
 * Worth another try: a 4xx reply (RFC 5321: the server may accept later), or no reply at all because the
 * connection failed, dropped or timed out (a pooled connection the server closed while idle). A 5xx is final.
 */
export const isTransient = (failure: { readonly code: string; readonly responseCode: number | undefined }) =>
  failure.responseCode === undefined
    ? ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "ECONNRESET", "EPIPE"].includes(failure.code)
    : failure.responseCode >= 400 && failure.responseCode < 500

// Only the error's code and the server's reply code: a reply text may quote the recipient or the message.
const deliveryFailed = (failure: SendFailed): MailDeliveryFailed =>
  new MailDeliveryFailed({
    reason: `${failure.code}${failure.responseCode === undefined ? "" : ` (${failure.responseCode})`}`
  })

// A header is one line: a tenant name with a line break must not start a header of its own.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const oneLine = (text: string): string => text.replace(/[\u0000-\u001F\u007F]+/gu, " ")

/**
 * A Mailer over SMTP with a pool of connections, closed with the scope. `send` resolves once the server has
 * accepted the message, trying again after a transient failure (`isTransient`), and fails with
 * `MailDeliveryFailed` otherwise (refused, or still unreachable or timed out after the retries); neither
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
        catch: sendFailed
      }).pipe(
        Effect.timeoutOrElse({
          duration: Duration.millis(config.attemptTimeoutMs ?? 20_000),
          orElse: () => Effect.fail(new SendFailed({ code: "ETIMEDOUT", responseCode: undefined }))
        }),
        Effect.retry({
          schedule: Schedule.exponential(Duration.millis(config.retryDelayMs ?? 200), 2),
          times: config.retries ?? 3,
          while: isTransient
        }),
        Effect.mapError(deliveryFailed),
        Effect.asVoid
      )
    return Mailer.of({ send })
  })

/** The Mailer port over SMTP (`SMTP_URL`); fails to build with `InvalidSmtpUrl` on a malformed URL. */
export const layer = (config: SmtpConfig): Layer.Layer<Mailer, InvalidSmtpUrl> =>
  Layer.effect(Mailer, make(config))
