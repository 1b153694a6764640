import { Duration, Effect, type Redacted } from "effect"
import type { ChangeEvent } from "../../model/event.ts"
import { now } from "../../model/newId.ts"
import { OutboundCalls } from "../../ports/OutboundCalls.ts"
import type { ClaimedDelivery } from "../../ports/Outbox.ts"
import { type AttemptOutcome, defaultRetryPolicy, type RetryPolicy, recordAttempt } from "./dispatch.ts"
import { signingSecrets } from "./secrets.ts"

/** How long a receiver has to answer an attempt (connection to last byte). */
export const DELIVERY_TIMEOUT_MILLIS = 10_000

/**
 * What one attempt sends: the Standard Webhooks `webhook-id` (the event's id, the same on every attempt and for
 * every webhook, so a receiver de-duplicates by it), the `webhook-timestamp` (the attempt's instant), the body,
 * and the secrets it is signed with (the current one, and the previous one during a rotation's 24 hours).
 */
export interface WebhookMessage {
  readonly id: string
  readonly timestamp: Date
  readonly body: string
  readonly secrets: ReadonlyArray<Redacted.Redacted<string>>
}

/** Signs a message: the `webhook-signature` header's value, one `v1,<signature>` per secret, space-separated. */
export type WebhookSigner = (message: WebhookMessage) => string

/** The body every webhook receives: `{id, type, tenantId, occurredAt, actor, data}` as JSON. */
export const webhookBody = (event: ChangeEvent): string =>
  JSON.stringify({
    id: event.id,
    type: event.type,
    tenantId: event.tenantId,
    occurredAt: event.occurredAt.toISOString(),
    actor: event.actor,
    data: event.data
  })

export interface AttemptOptions {
  readonly sign: WebhookSigner
  readonly timeoutMillis?: number | undefined
  readonly policy?: RetryPolicy | undefined
}

/**
 * One attempt at a claimed delivery: signs the event, POSTs it through `OutboundCalls` (the outbound rule is
 * checked again at the call; redirects are not followed) within the timeout, and records what came of it
 * (`recordAttempt`: delivered, retried later with backoff, given up, or the webhook disabled on 410 Gone).
 */
export const attemptDelivery = Effect.fn("attemptDelivery")(function* (
  claim: ClaimedDelivery,
  options: AttemptOptions
) {
  const timestamp = yield* now
  const message: WebhookMessage = {
    id: claim.event.id,
    timestamp,
    body: webhookBody(claim.event),
    secrets: yield* signingSecrets(claim.webhook, timestamp)
  }
  const outbound = yield* OutboundCalls
  const outcome: AttemptOutcome = yield* outbound
    .call({
      url: claim.webhook.url,
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Gatehouse-Webhooks/1",
        "webhook-id": message.id,
        "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
        "webhook-signature": options.sign(message)
      },
      body: message.body,
      timeout: Duration.millis(options.timeoutMillis ?? DELIVERY_TIMEOUT_MILLIS)
    })
    .pipe(
      Effect.map((response): AttemptOutcome => ({ _tag: "Answered", status: response.status })),
      Effect.catch((error) =>
        Effect.succeed<AttemptOutcome>({
          _tag: "NoAnswer",
          error:
            error._tag === "OutboundCallFailed"
              ? `${error.reason} (${error.host})`
              : `refused by the outbound rule: ${error.reason} (${error.host})`
        })
      )
    )
  return yield* recordAttempt(claim, outcome, options.policy ?? defaultRetryPolicy)
})
