import { Schema } from "effect"

/**
 * Failures the HTTP adapter itself detects before a use case runs. Like the domain's errors they are tagged,
 * so the one problem table maps them too.
 */

/** No credentials, or credentials that authenticate nobody (missing, malformed, unknown or ended token). */
export class Unauthenticated extends Schema.TaggedError<Unauthenticated>()("Unauthenticated", {
  reason: Schema.Literals(["missing", "invalid"])
}) {}

/** A conditional write was sent without `If-Match` (the version the client read). */
export class PreconditionRequired extends Schema.TaggedError<PreconditionRequired>()("PreconditionRequired", {
  header: Schema.String
}) {}

/**
 * A Shopify webhook for a tenant that does not exist or has no store connected: one answer for both, so the
 * route tells nobody which tenants have a store.
 */
export class WebhookUnknown extends Schema.TaggedError<WebhookUnknown>()("WebhookUnknown", {}) {}

/** A signed Shopify webhook without a webhook id or a customer id: Shopify's retry would not be better. */
export class WebhookMalformed extends Schema.TaggedError<WebhookMalformed>()("WebhookMalformed", {}) {}

/** A signed Shopify webhook that could not be processed now (the store did not answer): Shopify retries it. */
export class WebhookDeferred extends Schema.TaggedError<WebhookDeferred>()("WebhookDeferred", {}) {}
