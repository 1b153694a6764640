import { Effect, Option, type Redacted, Schema } from "effect"
import { WebhookNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { WebhookId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import {
  type StoredWebhook,
  type Webhook,
  WebhookDescription,
  WebhookEvents,
  WebhookUrl
} from "../../model/webhook.ts"
import { OutboundCalls, OutboundUrlRefused } from "../../ports/OutboundCalls.ts"
import { WebhookRepository } from "../../ports/WebhookRepository.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { type ActorContext, authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { newSigningSecret, PREVIOUS_SECRET_GRACE_MILLIS, publicWebhook, sealSecret } from "./secrets.ts"

export const CreateWebhookInput = Schema.Struct({
  url: WebhookUrl,
  events: WebhookEvents,
  description: Schema.optionalKey(Schema.NullOr(WebhookDescription))
})
export type CreateWebhookInput = typeof CreateWebhookInput.Type

export const UpdateWebhookInput = Schema.Struct({
  url: Schema.optionalKey(WebhookUrl),
  events: Schema.optionalKey(WebhookEvents),
  description: Schema.optionalKey(Schema.NullOr(WebhookDescription)),
  /** Re-enabling a webhook the server disabled (410 Gone) clears the reason. */
  enabled: Schema.optionalKey(Schema.Boolean)
})
export type UpdateWebhookInput = typeof UpdateWebhookInput.Type

/** A webhook and its signing secret, shown once (at creation and at each rotation). */
export interface WebhookWithSecret {
  readonly webhook: Webhook
  readonly secret: Redacted.Redacted<string>
}

/** The acting admin, who must hold `settings:manage`. */
const manager = Effect.fnUntraced(function* (actor: Actor) {
  const context = yield* authenticate(actor)
  yield* requirePermission(context, "settings:manage")
  return context
})

/** A webhook of the actor's tenant, or `WebhookNotFound` (also for another tenant's id). */
export const findWebhook = Effect.fnUntraced(function* (context: ActorContext, webhookId: WebhookId) {
  const found = yield* (yield* WebhookRepository).findById(context.tenant.id, webhookId)
  if (Option.isNone(found)) return yield* new WebhookNotFound({ webhookId })
  return found.value
})

const auditWebhook = (context: ActorContext, action: string, webhook: StoredWebhook) =>
  auditBy(context, {
    action,
    targetType: "webhook",
    targetId: webhook.id,
    details: { url: webhook.url, events: [...webhook.events], enabled: webhook.enabled }
  })

/** A URL the server would not call is refused when it is saved (`OutboundUrlRefused` on `url`), not only later. */
const checkUrl = (url: string) =>
  OutboundCalls.use((outbound) => outbound.check(url)).pipe(
    Effect.mapError((refused) => new OutboundUrlRefused({ ...refused, path: "url" }))
  )

/** Adds a webhook endpoint with a new `whsec_` signing secret (sealed; returned once). Needs `settings:manage`. */
export const createWebhook = Effect.fn("createWebhook")(function* (actor: Actor, input: CreateWebhookInput) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* manager(actor)
      const data = yield* decodeInput(CreateWebhookInput, input)
      yield* checkUrl(data.url)
      const id = yield* newId<WebhookId>()
      const secret = yield* newSigningSecret
      const stored = yield* (yield* WebhookRepository).insert({
        id,
        tenantId: context.tenant.id,
        url: data.url,
        events: data.events,
        description: data.description ?? null,
        enabled: true,
        disabledReason: null,
        createdAt: context.now,
        updatedAt: context.now,
        sealedSecret: yield* sealSecret(context.tenant.id, id, secret),
        sealedPreviousSecret: null,
        previousSecretExpiresAt: null
      })
      yield* auditWebhook(context, "webhook.created", stored)
      const created: WebhookWithSecret = { webhook: publicWebhook(stored), secret }
      return created
    })
  )
})

export const listWebhooks = Effect.fn("listWebhooks")(function* (actor: Actor) {
  const context = yield* manager(actor)
  const webhooks = yield* (yield* WebhookRepository).list(context.tenant.id)
  return webhooks.map(publicWebhook)
})

export const getWebhook = Effect.fn("getWebhook")(function* (actor: Actor, webhookId: WebhookId) {
  const context = yield* manager(actor)
  return publicWebhook(yield* findWebhook(context, webhookId))
})

/** Changes a webhook's URL, events, description or enabled flag. Needs `settings:manage`. */
export const updateWebhook = Effect.fn("updateWebhook")(function* (
  actor: Actor,
  webhookId: WebhookId,
  patch: UpdateWebhookInput
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* manager(actor)
      const data = yield* decodeInput(UpdateWebhookInput, patch)
      const current = yield* findWebhook(context, webhookId)
      if (data.url !== undefined) yield* checkUrl(data.url)
      const enabled = data.enabled ?? current.enabled
      const updated = yield* (yield* WebhookRepository).update({
        ...current,
        ...data,
        enabled,
        disabledReason: enabled ? null : data.enabled === false ? "admin" : current.disabledReason,
        updatedAt: context.now
      })
      yield* auditWebhook(context, "webhook.updated", updated)
      return publicWebhook(updated)
    })
  )
})

/** Deletes a webhook and its deliveries. Needs `settings:manage`. */
export const deleteWebhook = Effect.fn("deleteWebhook")(function* (actor: Actor, webhookId: WebhookId) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* manager(actor)
      const current = yield* findWebhook(context, webhookId)
      yield* (yield* WebhookRepository).delete(context.tenant.id, webhookId)
      yield* auditWebhook(context, "webhook.deleted", current)
    })
  )
})

/**
 * Gives a webhook a new signing secret (returned once); the old one keeps signing alongside for 24 hours, so
 * a receiver can switch without missing a delivery. Needs `settings:manage`.
 */
export const rotateWebhookSecret = Effect.fn("rotateWebhookSecret")(function* (
  actor: Actor,
  webhookId: WebhookId
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* manager(actor)
      const current = yield* findWebhook(context, webhookId)
      const secret = yield* newSigningSecret
      const updated = yield* (yield* WebhookRepository).update({
        ...current,
        sealedSecret: yield* sealSecret(context.tenant.id, webhookId, secret),
        sealedPreviousSecret: current.sealedSecret,
        previousSecretExpiresAt: new Date(context.now.getTime() + PREVIOUS_SECRET_GRACE_MILLIS),
        updatedAt: context.now
      })
      yield* auditWebhook(context, "webhook.secret_rotated", updated)
      const rotated: WebhookWithSecret = { webhook: publicWebhook(updated), secret }
      return rotated
    })
  )
})
