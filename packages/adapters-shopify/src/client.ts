import {
  type OutboundCalls,
  OutboundUrlRefused,
  type ShopifyConnection,
  ShopifyRejected
} from "@gatehouse/domain"
import { Data, Duration, Effect, Redacted } from "effect"

/** How the client talks to Shopify; see `defaultClientOptions`. */
export interface ClientOptions {
  /** One attempt's time limit (Effect's Clock). */
  readonly timeout: Duration.Input
  /** Tries in all, the first included (Shopify's guidance: about 5). */
  readonly maxTries: number
  /** First delay of the exponential backoff for 5xx and lost answers; doubles each try. */
  readonly baseDelay: Duration.Input
  /** The longest wait the client accepts: a longer Retry-After or throttle wait ends the retries. */
  readonly maxDelay: Duration.Input
  /** Up to this much random time is added to every wait, so clients do not retry in step. */
  readonly jitter: Duration.Input
}

export const defaultClientOptions: ClientOptions = {
  timeout: "10 seconds",
  maxTries: 5,
  baseDelay: "250 millis",
  maxDelay: "10 seconds",
  jitter: "100 millis"
}

/**
 * One attempt that failed in a way worth trying again. `applied`: `no` when Shopify certainly did not run
 * the request (THROTTLED, 429), `unknown` when it may have (5xx, lost connection, timeout). `waitMs`: the
 * wait Shopify asked for, when it said.
 */
export class Transient extends Data.TaggedError("Transient")<{
  readonly operation: string
  readonly reason: string
  readonly applied: "no" | "unknown"
  readonly waitMs: number | undefined
}> {}

/** Shopify's GraphQL error as it arrives in `errors[]`. */
interface GraphqlError {
  readonly message?: unknown
  readonly extensions?: { readonly code?: unknown }
}

interface CostExtension {
  readonly requestedQueryCost?: unknown
  readonly throttleStatus?: {
    readonly currentlyAvailable?: unknown
    readonly restoreRate?: unknown
  } | null
}

/**
 * The Admin API URL of a connection: its `endpoint` when set (a proxy, a fake server), else the store's own. Both
 * are called through the `OutboundCalls` port, so an endpoint is held to the outbound rule at every call.
 */
export const endpointOf = (connection: ShopifyConnection): string =>
  connection.endpoint ?? `https://${connection.shopDomain}/admin/api/${connection.apiVersion}/graphql.json`

/** THROTTLED: wait until the bucket holds the request's cost again, (requested - available) / restoreRate. */
const throttleWaitMs = (cost: CostExtension | undefined): number | undefined => {
  const requested = cost?.requestedQueryCost
  const available = cost?.throttleStatus?.currentlyAvailable
  const rate = cost?.throttleStatus?.restoreRate
  if (
    typeof requested !== "number" ||
    typeof available !== "number" ||
    typeof rate !== "number" ||
    rate <= 0
  ) {
    return undefined
  }
  return Math.max(0, ((requested - available) / rate) * 1000)
}

/** `Retry-After` in seconds (Shopify sends e.g. `2.0`), or undefined. */
const retryAfterMs = (header: string | null): number | undefined => {
  if (header === null) return undefined
  const seconds = Number(header)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined
}

const messagesOf = (errors: unknown): ReadonlyArray<string> =>
  typeof errors === "string"
    ? [errors]
    : Array.isArray(errors)
      ? errors.map((e: GraphqlError) => (typeof e?.message === "string" ? e.message : JSON.stringify(e)))
      : [JSON.stringify(errors)]

const rejected = (operation: string, reason: ShopifyRejected["reason"], messages: ReadonlyArray<string>) =>
  new ShopifyRejected({ operation, reason, messages })

/**
 * Runs one GraphQL request, once: `data` on success; `Transient` for what may pass (THROTTLED, 429, 502/503/504,
 * a lost connection, a timeout); `ShopifyRejected` for what will not (401/403, other 4xx, GraphQL errors);
 * `Transient` with reason "unexpected" for an answer that is not Shopify's shape (never retried).
 */
export const requestOnce = (
  outbound: OutboundCalls["Service"],
  options: ClientOptions,
  connection: ShopifyConnection,
  operation: string,
  document: string,
  variables: Readonly<Record<string, unknown>>
): Effect.Effect<unknown, Transient | ShopifyRejected | OutboundUrlRefused> =>
  Effect.gen(function* () {
    const url = endpointOf(connection)
    const lost = (reason: string) =>
      new Transient({ operation, reason, applied: "unknown", waitMs: undefined })
    const answer = yield* outbound
      .call({
        url,
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "x-shopify-access-token": Redacted.value(connection.accessToken)
        },
        body: JSON.stringify({ query: document, variables, operationName: operation }),
        timeout: options.timeout
      })
      .pipe(
        Effect.catchTag("OutboundCallFailed", (failed) =>
          Effect.fail(
            lost(
              failed.reason === "timeout"
                ? "Shopify did not answer in time"
                : "The connection to Shopify failed"
            )
          )
        )
      )
    // A redirect would carry the access token elsewhere: it is never followed, and the URL is refused.
    if (answer.status >= 300 && answer.status < 400) {
      return yield* new OutboundUrlRefused({ reason: "redirect", host: new URL(url).hostname })
    }
    const response = {
      status: answer.status,
      retryAfter: answer.headers["retry-after"] ?? null,
      text: answer.body
    }
    let body: { data?: unknown; errors?: unknown; extensions?: { cost?: CostExtension } } | undefined
    try {
      body = JSON.parse(response.text) as typeof body
    } catch {
      body = undefined
    }
    const { status } = response
    if (status === 429) {
      return yield* new Transient({
        operation,
        reason: "HTTP 429",
        applied: "no",
        waitMs: retryAfterMs(response.retryAfter)
      })
    }
    if (status === 502 || status === 503 || status === 504) return yield* lost(`HTTP ${status}`)
    if (status === 401 || status === 403) {
      return yield* rejected(operation, "Unauthorized", messagesOf(body?.errors ?? `HTTP ${status}`))
    }
    if (status >= 500) {
      return yield* new Transient({ operation, reason: "unexpected", applied: "unknown", waitMs: undefined })
    }
    if (status !== 200)
      return yield* rejected(operation, "InvalidRequest", messagesOf(body?.errors ?? `HTTP ${status}`))
    if (body === undefined || typeof body !== "object" || body === null) {
      return yield* new Transient({ operation, reason: "unexpected", applied: "unknown", waitMs: undefined })
    }
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const throttled = (body.errors as ReadonlyArray<GraphqlError>).some(
        (e) => e?.extensions?.code === "THROTTLED"
      )
      if (throttled) {
        return yield* new Transient({
          operation,
          reason: "THROTTLED",
          applied: "no",
          waitMs: throttleWaitMs(body.extensions?.cost)
        })
      }
      return yield* rejected(operation, "InvalidRequest", messagesOf(body.errors))
    }
    if (body.data === undefined || body.data === null) {
      return yield* new Transient({ operation, reason: "unexpected", applied: "unknown", waitMs: undefined })
    }
    return body.data
  })

/** The wait before the next try: Shopify's when it named one, else the backoff's, never above the limit. */
export const nextDelayMs = (options: ClientOptions, error: Transient, backoff: Duration.Duration): number =>
  error.waitMs ?? Math.min(Duration.toMillis(backoff), Duration.toMillis(options.maxDelay))
