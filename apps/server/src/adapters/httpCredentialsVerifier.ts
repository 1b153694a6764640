import {
  type CredentialsVerdict,
  ExternalCredentialsVerifier,
  OutboundCalls,
  OutboundUrlRefused
} from "@gatehouse/domain"
import { Effect, Layer, Redacted } from "effect"

export interface HttpCredentialsVerifierOptions {
  /** How long an outside system may take to answer (default 5 s); then the verdict is `unavailable`. */
  readonly timeoutMillis?: number | undefined
}

const verdictOf = (status: number): CredentialsVerdict =>
  status >= 200 && status < 300 ? "valid" : status === 401 || status === 403 ? "invalid" : "unavailable"

/**
 * The `ExternalCredentialsVerifier` port over HTTP: POSTs `{username, password}` as JSON to the tenant's
 * configured verify URL through the `OutboundCalls` port. 2xx valid, 401/403 invalid; any other status, a
 * timeout or a network error is `unavailable`. A URL the outbound rule refuses fails with `OutboundUrlRefused`
 * and nothing is sent; a redirect is never followed (it could carry the credentials to another host) and is
 * refused the same way (`redirect`). Never logs the password.
 */
export const layer = (
  options: HttpCredentialsVerifierOptions = {}
): Layer.Layer<ExternalCredentialsVerifier, never, OutboundCalls> =>
  Layer.effect(
    ExternalCredentialsVerifier,
    Effect.map(OutboundCalls, (outbound) =>
      ExternalCredentialsVerifier.of({
        verify: (check) =>
          outbound
            .call({
              url: check.url,
              method: "POST",
              headers: { "content-type": "application/json", accept: "application/json" },
              body: JSON.stringify({ username: check.username, password: Redacted.value(check.password) }),
              timeout: `${options.timeoutMillis ?? 5000} millis`
            })
            .pipe(
              Effect.flatMap((response) =>
                response.status >= 300 && response.status < 400
                  ? Effect.fail(
                      new OutboundUrlRefused({ reason: "redirect", host: new URL(check.url).hostname })
                    )
                  : Effect.succeed(verdictOf(response.status))
              ),
              Effect.catchTag("OutboundCallFailed", () => Effect.succeed<CredentialsVerdict>("unavailable"))
            )
      })
    )
  )
