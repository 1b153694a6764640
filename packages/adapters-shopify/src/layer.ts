import type { OutboundCalls, ShopifyCustomers, ShopifyWebhookSignature } from "@gatehouse/domain"
import { Layer } from "effect"
import type { ClientOptions } from "./client.ts"
import { layerCustomers } from "./ShopifyCustomers.ts"
import { layerWebhookSignature } from "./webhookSignature.ts"

/**
 * Everything the Shopify adapter implements: the `ShopifyCustomers` port (each call carries its tenant's
 * connection; requests go through `OutboundCalls`) and the `ShopifyWebhookSignature` port.
 */
export const layer = (
  options: Partial<ClientOptions> = {}
): Layer.Layer<ShopifyCustomers | ShopifyWebhookSignature, never, OutboundCalls> =>
  Layer.merge(layerCustomers(options), layerWebhookSignature)
