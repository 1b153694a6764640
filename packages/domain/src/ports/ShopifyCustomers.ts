import { Context, type Effect, type Option, type Redacted, Schema } from "effect"
import type { OutboundUrlRefused } from "./OutboundCalls.ts"

/** The Admin API version Gatehouse is written against (Shopify falls forward from unsupported ones). */
export const DEFAULT_SHOPIFY_API_VERSION = "2026-07"

/**
 * How to reach one tenant's store: each tenant connects its own, so every call carries its connection.
 * `endpoint` replaces the Admin API URL `https://{shopDomain}/admin/api/{apiVersion}/graphql.json` as a whole
 * (tests point it at the fake Shopify server).
 */
export interface ShopifyConnection {
  /** The store's `*.myshopify.com` domain. */
  readonly shopDomain: string
  readonly accessToken: Redacted.Redacted<string>
  readonly apiVersion: string
  readonly endpoint?: string | undefined
}

/** `Customer.state`: DISABLED (no account yet), INVITED, ENABLED (activated), DECLINED. */
export type ShopifyCustomerState = "DISABLED" | "INVITED" | "ENABLED" | "DECLINED"

/** A Shopify customer as far as Gatehouse reads it. `tags` come back as Shopify stores them (sorted). */
export interface ShopifyCustomer {
  /** A global id, `gid://shopify/Customer/<n>`. */
  readonly id: string
  readonly email: string | null
  readonly state: ShopifyCustomerState
  readonly tags: ReadonlyArray<string>
}

/** The shop's customer accounts: `CLASSIC` (legacy) or `NEW_CUSTOMER_ACCOUNTS`, and its sign-in URL. */
export interface ShopCustomerAccounts {
  readonly version: "CLASSIC" | "NEW_CUSTOMER_ACCOUNTS"
  readonly url: string | null
}

/** What to create: the email and the tags the customer starts with (set atomically with the customer). */
export interface NewShopifyCustomer {
  readonly email: string
  readonly firstName: string
  readonly lastName: string
  readonly tags: ReadonlyArray<string>
}

/**
 * The store did not answer in time (network, 5xx, throttling) after the adapter's retries. `mayHaveApplied`:
 * the last attempt of a write may have reached Shopify (e.g. an invite email may have gone out).
 */
export class ShopifyUnavailable extends Schema.TaggedError<ShopifyUnavailable>()("ShopifyUnavailable", {
  operation: Schema.String,
  reason: Schema.String,
  mayHaveApplied: Schema.Boolean
}) {}

/**
 * Shopify refused the request: a bad access token (`Unauthorized`), a document or value it rejects
 * (`InvalidRequest`), or a user error of the mutation (`UserError`, e.g. "Tags cannot be more than 250").
 * Nothing was changed by the refused call.
 */
export class ShopifyRejected extends Schema.TaggedError<ShopifyRejected>()("ShopifyRejected", {
  operation: Schema.String,
  reason: Schema.Literals(["Unauthorized", "InvalidRequest", "UserError"]),
  messages: Schema.Array(Schema.String)
}) {}

/** `OutboundUrlRefused`: the connection's URL is refused by the outbound rule, or answered with a redirect. */
export type ShopifyError = ShopifyUnavailable | ShopifyRejected | OutboundUrlRefused

/**
 * Customers of a tenant's Shopify store (Admin GraphQL API).
 *
 * Guarantees:
 * - `findByEmail` is an exact lookup (`customerByIdentifier`), never the tokenized, lagging search; the email
 *   is compared as Shopify does (case-insensitively).
 * - `create` creates the customer (state `DISABLED`) with its tags in one call, or, when the email is already
 *   taken (also by a create whose answer was lost), returns the existing customer with `created: false` and
 *   its tags untouched: it never makes a second customer for one email.
 * - `addTags` / `removeTags` are idempotent (Shopify trims, de-duplicates case-insensitively and sorts) and
 *   return the customer as it is after the change; a missing customer is `ShopifyRejected`.
 * - `sendInvite` (classic customer accounts only) sends Shopify's account invite email at most once per call:
 *   it is retried only when Shopify certainly did not run it (throttled, 429); after a lost answer it re-reads
 *   the customer, and when it cannot tell, fails with `ShopifyUnavailable` and `mayHaveApplied: true`.
 * - `activationUrl` (classic only) returns a new one-time URL (30 days); it invalidates the previous one.
 * - Reads and tag changes are retried on throttling, 429 and 502/503/504 (a few tries, honouring Shopify's
 *   waits); then `ShopifyUnavailable`.
 */
export class ShopifyCustomers extends Context.Service<
  ShopifyCustomers,
  {
    readonly findByEmail: (
      connection: ShopifyConnection,
      email: string
    ) => Effect.Effect<Option.Option<ShopifyCustomer>, ShopifyError>
    readonly findById: (
      connection: ShopifyConnection,
      customerId: string
    ) => Effect.Effect<Option.Option<ShopifyCustomer>, ShopifyError>
    readonly create: (
      connection: ShopifyConnection,
      customer: NewShopifyCustomer
    ) => Effect.Effect<{ readonly customer: ShopifyCustomer; readonly created: boolean }, ShopifyError>
    readonly addTags: (
      connection: ShopifyConnection,
      customerId: string,
      tags: ReadonlyArray<string>
    ) => Effect.Effect<ShopifyCustomer, ShopifyError>
    readonly removeTags: (
      connection: ShopifyConnection,
      customerId: string,
      tags: ReadonlyArray<string>
    ) => Effect.Effect<ShopifyCustomer, ShopifyError>
    /** `customer.state` is the state before the call (tells a sent email from a lost answer). */
    readonly sendInvite: (
      connection: ShopifyConnection,
      customer: ShopifyCustomer
    ) => Effect.Effect<ShopifyCustomer, ShopifyError>
    readonly activationUrl: (
      connection: ShopifyConnection,
      customerId: string
    ) => Effect.Effect<Redacted.Redacted<string>, ShopifyError>
    readonly customerAccounts: (
      connection: ShopifyConnection
    ) => Effect.Effect<ShopCustomerAccounts, ShopifyError>
  }
>()("@gatehouse/domain/ShopifyCustomers") {}
