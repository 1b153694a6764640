import { Context, type Effect, type Redacted } from "effect"
import type { OutboundUrlRefused } from "./OutboundCalls.ts"

/** `valid`: accepted; `invalid`: refused (wrong username or password); `unavailable`: no answer either way. */
export type CredentialsVerdict = "valid" | "invalid" | "unavailable"

export interface CredentialsCheck {
  readonly system: string
  /** The tenant's configured verify URL (never one from a request). */
  readonly url: string
  readonly username: string
  readonly password: Redacted.Redacted<string>
}

/**
 * Asks an outside system whether a username and password are right (the HTTP adapter POSTs them to `url`:
 * 2xx valid, 401/403 invalid, anything else, a timeout or a network error unavailable).
 *
 * Guarantees: fails only with `OutboundUrlRefused` (the URL breaks the outbound rule: nothing was sent); every
 * other problem is `unavailable`; bounded in time; never logs the password.
 */
export class ExternalCredentialsVerifier extends Context.Service<
  ExternalCredentialsVerifier,
  {
    readonly verify: (check: CredentialsCheck) => Effect.Effect<CredentialsVerdict, OutboundUrlRefused>
  }
>()("@gatehouse/domain/ExternalCredentialsVerifier") {}
