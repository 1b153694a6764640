import { Context } from "effect"

/**
 * The origin (and optional base path) under which users reach Gatehouse, from configuration
 * (`GATEHOUSE_PUBLIC_URL`). Links in emails are built from it and from nothing else: never from a request's
 * Host or X-Forwarded-Host header, which an attacker controls (ZITADEL CVE-2023-49097).
 *
 * Required, with no default: a composition that sends links must say where they lead
 * (`Layer.succeed(PublicUrl, "https://id.example.com")`); a forgotten one is a type error, not links to
 * `127.0.0.1` in a customer's inbox.
 */
export class PublicUrl extends Context.Service<PublicUrl, string>()("@gatehouse/domain/PublicUrl") {}

/** The setup page of a token; the token travels in the fragment, which browsers never send to a server. */
export const setupLink = (publicUrl: string, token: string): string =>
  `${publicUrl.replace(/\/+$/u, "")}/setup#token=${encodeURIComponent(token)}`
