import { InvalidInput, receiveShopifyWebhook, type ShopifyWebhookResult } from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { WebhookDeferred, WebhookMalformed, WebhookUnknown } from "../errors/httpErrors.ts"
import { WebhookParams, WebhookResponse } from "../schema/eshop.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/** Shopify's payloads are a few kilobytes; this bounds what an unsigned request makes the server hash. */
const WEBHOOK_BODY_LIMIT = 256 * 1024

// The HMAC covers the body's bytes as they arrived: the route receives them untouched, never parsed JSON.
const rawBytes = (body: unknown): Effect.Effect<Uint8Array, InvalidInput> =>
  body === undefined || body === null
    ? Effect.succeed(new Uint8Array())
    : body instanceof Uint8Array
      ? Effect.succeed(body)
      : Effect.fail(new InvalidInput({ errors: [{ path: "", message: "Expected the raw request body" }] }))

const statusOf = (result: ShopifyWebhookResult): typeof WebhookResponse.Type => ({
  status: result._tag === "Processed" ? "processed" : result._tag === "Duplicate" ? "duplicate" : "ignored"
})

/**
 * `POST /v1/webhooks/shopify/{tenantSlug}`: Shopify's customer webhooks for one tenant's store, checked by
 * the domain's `receiveShopifyWebhook` (HMAC of the raw body, de-duplication by webhook id). A 2xx acknowledges; anything
 * else makes Shopify deliver again, so only a store that did not answer is worth a retry (503).
 */
export const shopifyWebhookRoutes = async (app: FastifyInstance, deps: RouteDeps): Promise<void> => {
  // An encapsulated scope: the raw-bytes parser applies to this route only, every other route parses JSON.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body))
    registerRoute(scope, deps, {
      method: "POST",
      url: "/v1/webhooks/shopify/:tenantSlug",
      tag: "webhooks",
      summary: "Shopify customer webhooks of a tenant's store",
      description:
        "Authenticated by `X-Shopify-Hmac-SHA256` over the raw body with the tenant's webhook secret. " +
        "200 for a processed, repeated (same `X-Shopify-Webhook-Id`) or ignored topic; 401 WEBHOOK_REFUSED; " +
        "400 WEBHOOK_MALFORMED; 404 NOT_FOUND without a connected store; 503 WEBHOOK_DEFERRED when the " +
        "store did not answer (Shopify delivers again).",
      auth: "none",
      params: WebhookParams,
      readBody: rawBytes,
      bodyContent: { "application/json": { type: "object" } },
      bodyLimit: WEBHOOK_BODY_LIMIT,
      headers: {
        type: "object",
        properties: {
          "x-shopify-hmac-sha256": { type: "string" },
          "x-shopify-topic": { type: "string" },
          "x-shopify-webhook-id": { type: "string" },
          "x-shopify-shop-domain": { type: "string" }
        }
      },
      response: WebhookResponse,
      handle: ({ params, body, request }) =>
        receiveShopifyWebhook({
          tenantSlug: params.tenantSlug,
          headers: request.headers,
          rawBody: body
        }).pipe(
          Effect.map(statusOf),
          Effect.catchTags({
            EshopNotConfigured: () => Effect.fail(new WebhookUnknown()),
            WebhookRejected: (rejected) =>
              Effect.fail(rejected.reason === "MalformedPayload" ? new WebhookMalformed() : rejected),
            ShopifyUnavailable: () => Effect.fail(new WebhookDeferred())
          })
        )
    })
  })
}
