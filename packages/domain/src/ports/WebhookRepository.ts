import { Context, type Effect, type Option } from "effect"
import type { WebhookNotFound } from "../errors/notFound.ts"
import type { TenantId, WebhookId } from "../model/ids.ts"
import type { StoredWebhook } from "../model/webhook.ts"

/**
 * A tenant's webhook endpoints, their sealed signing secrets included.
 *
 * Guarantees: tenant isolation (an id of another tenant is not found); `update` and `delete` fail with
 * `WebhookNotFound` for an unknown id; deleting a webhook deletes its deliveries; `list` is oldest first.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class WebhookRepository extends Context.Service<
  WebhookRepository,
  {
    readonly insert: (webhook: StoredWebhook) => Effect.Effect<StoredWebhook>
    readonly findById: (tenantId: TenantId, id: WebhookId) => Effect.Effect<Option.Option<StoredWebhook>>
    readonly update: (webhook: StoredWebhook) => Effect.Effect<StoredWebhook, WebhookNotFound>
    readonly delete: (tenantId: TenantId, id: WebhookId) => Effect.Effect<void, WebhookNotFound>
    readonly list: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<StoredWebhook>>
  }
>()("@gatehouse/domain/WebhookRepository") {}
