import { Context, type Duration, type Effect, Schema } from "effect"

/**
 * Why a URL is not called: `invalid_url` (not an absolute URL, or credentials in it), `scheme` (not https, and
 * the host is not on the allow list), `address` (it is, or resolves to, a loopback, private, link-local,
 * unspecified, multicast or otherwise non-public address), `unresolved` (the name does not resolve), `redirect`
 * (the server answered with a redirect, which is never followed).
 */
export const OutboundRefusalReason = Schema.Literals([
  "invalid_url",
  "scheme",
  "address",
  "unresolved",
  "redirect"
])
export type OutboundRefusalReason = typeof OutboundRefusalReason.Type

/**
 * A tenant-configured URL the server will not call (DESIGN.md, "Outbound calls"). `host` is the URL's host
 * (never its path or query, which may carry a key); `address` the refused address when one was; `path` the
 * input field that held the URL, when a use case knows it (e.g. `endpoint`).
 */
export class OutboundUrlRefused extends Schema.TaggedError<OutboundUrlRefused>()("OutboundUrlRefused", {
  reason: OutboundRefusalReason,
  host: Schema.String,
  address: Schema.optionalKey(Schema.String),
  path: Schema.optionalKey(Schema.String)
}) {}

/** An allowed call that got no complete answer: a timeout, a failed connection, or a body over the limit. */
export class OutboundCallFailed extends Schema.TaggedError<OutboundCallFailed>()("OutboundCallFailed", {
  reason: Schema.Literals(["timeout", "connection", "too_large"]),
  host: Schema.String
}) {}

export interface OutboundRequest {
  readonly url: string
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly body?: string | Uint8Array | undefined
  /** The whole call, connection to the last byte (Effect's Clock). */
  readonly timeout: Duration.Input
}

export interface OutboundResponse {
  readonly status: number
  /** Header names lower-cased; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * HTTP calls to URLs that a tenant admin configured (webhook URLs, the PIMS verify URL, a Shopify `endpoint`).
 *
 * Guarantees:
 * - `check` and `call` apply one rule: the URL is absolute, carries no credentials, is `https`, and its host is,
 *   or resolves only to, public unicast addresses. Loopback, private (RFC 1918, `fc00::/7`), link-local
 *   (`169.254.0.0/16` with the cloud metadata address, `fe80::/10`), unspecified, multicast, carrier-grade NAT,
 *   reserved and IPv4-mapped forms of those (`[::ffff:127.0.0.1]`) are refused with `OutboundUrlRefused`.
 *   A name with several addresses is refused when any of them is.
 * - The allow list the implementation is built with (hosts and CIDRs, `GATEHOUSE_OUTBOUND_ALLOW`) lifts the
 *   rule for those hosts and addresses, `http` included.
 * - `call` checks again at call time the address it actually connects to (the name is resolved for the
 *   connection, and that very address is checked): a name that changed its answer since it was saved, or
 *   between two resolutions, is refused; no request reaches a refused address.
 * - Redirects are never followed: a 3xx comes back as the response.
 * - `call` is bounded by `timeout` and by a response size limit (`OutboundCallFailed`), and interruptible.
 * - Neither logs the URL's path or query, nor a header or body.
 */
export class OutboundCalls extends Context.Service<
  OutboundCalls,
  {
    /** Whether `url` may be called now (at save time): resolves its host. */
    readonly check: (url: string) => Effect.Effect<void, OutboundUrlRefused>
    readonly call: (
      request: OutboundRequest
    ) => Effect.Effect<OutboundResponse, OutboundUrlRefused | OutboundCallFailed>
  }
>()("@gatehouse/domain/OutboundCalls") {}
