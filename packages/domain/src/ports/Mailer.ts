import { Context, type Effect, Schema } from "effect"
import type { Email } from "../model/email.ts"

/** One email: a plain-text body and an HTML alternative with the same content. */
export interface MailMessage {
  readonly to: Email
  readonly subject: string
  readonly text: string
  readonly html: string
}

/** The message could not be handed to the mail system. Nothing of the message is in the error. */
export class MailDeliveryFailed extends Schema.TaggedError<MailDeliveryFailed>()("MailDeliveryFailed", {
  reason: Schema.String
}) {}

/**
 * Outgoing email (invitation links). Guarantees: `send` hands one message to the mail system or fails with
 * `MailDeliveryFailed`; it never logs the body (it holds one-time links). Use cases call it last, after every
 * write of their transaction; an adapter that must not send for a transaction that later rolls back queues
 * the message in the store (the in-memory adapter does: its outbox is a table of the store).
 */
export class Mailer extends Context.Service<
  Mailer,
  {
    readonly send: (message: MailMessage) => Effect.Effect<void, MailDeliveryFailed>
  }
>()("@gatehouse/domain/Mailer") {}
