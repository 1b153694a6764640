import { type CredentialsVerdict, ExternalCredentialsVerifier } from "@gatehouse/domain"
import { Effect, Layer, Redacted } from "effect"

export interface HttpCredentialsVerifierOptions {
  /** How long an outside system may take to answer (default 5 s); then the verdict is `unavailable`. */
  readonly timeoutMillis?: number | undefined
}

const verdictOf = (status: number): CredentialsVerdict =>
  status >= 200 && status < 300 ? "valid" : status === 401 || status === 403 ? "invalid" : "unavailable"

/**
 * The `ExternalCredentialsVerifier` port over HTTP: POSTs `{username, password}` as JSON to the tenant's
 * configured verify URL. 2xx valid, 401/403 invalid; any other status, a timeout or a network error is
 * `unavailable`. Never fails, never logs the password, never follows redirects (a redirect could carry the
 * credentials to another host).
 */
export const layer = (
  options: HttpCredentialsVerifierOptions = {}
): Layer.Layer<ExternalCredentialsVerifier> =>
  Layer.succeed(
    ExternalCredentialsVerifier,
    ExternalCredentialsVerifier.of({
      verify: (check) =>
        Effect.tryPromise({
          try: (signal) =>
            fetch(check.url, {
              method: "POST",
              headers: { "content-type": "application/json", accept: "application/json" },
              body: JSON.stringify({ username: check.username, password: Redacted.value(check.password) }),
              redirect: "manual",
              signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMillis ?? 5000)])
            }),
          catch: () => "unavailable" as const
        }).pipe(
          Effect.tap((response) => Effect.promise(() => response.body?.cancel() ?? Promise.resolve())),
          Effect.map((response) => verdictOf(response.status)),
          Effect.catch(() => Effect.succeed<CredentialsVerdict>("unavailable"))
        )
    })
  )
