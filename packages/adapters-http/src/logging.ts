import { randomUUID } from "node:crypto"
import type { IncomingMessage } from "node:http"

/**
 * pino `redact` settings for the Fastify instance that registers the plugin (`Fastify({ logger: { redact:
 * gatehouseLogRedaction } })`): whatever a deployment's serializers log, credentials come out censored. The
 * plugin itself never logs headers or bodies; this is the second line.
 */
export const gatehouseLogRedaction: { readonly paths: Array<string>; readonly censor: string } = {
  paths: [
    "req.headers.authorization",
    "req.headers.cookie",
    'res.headers["set-cookie"]',
    "headers.authorization",
    "headers.cookie",
    "*.password",
    "*.newPassword",
    "*.currentPassword",
    "*.token",
    "*.totp",
    "*.totpCode",
    "*.code",
    "*.secret",
    "*.generatedPassword",
    "*.setupUrl",
    "*.recoveryCodes",
    "req.body",
    "body"
  ],
  censor: "[redacted]"
}

const MAX_LOGGED_PARAMETERS = 20
const MAX_LOGGED_NAME = 64

/**
 * A request URL as it may be logged: the path and the query's parameter names, never their values (a token
 * sent in a query string by mistake, search terms, cursors), e.g. `/v1/users?q&cursor`.
 */
export const loggableUrl = (url: string): string => {
  const at = url.indexOf("?")
  if (at === -1) return url
  const names = url
    .slice(at + 1)
    .split("&")
    .filter((pair) => pair !== "")
    .slice(0, MAX_LOGGED_PARAMETERS)
    .map((pair) => {
      const raw = pair.split("=", 1)[0] ?? ""
      let name: string
      try {
        name = decodeURIComponent(raw.replaceAll("+", " "))
      } catch {
        name = raw
      }
      // a name is the client's text too: no control characters, bounded
      return encodeURIComponent(name.slice(0, MAX_LOGGED_NAME))
    })
  return names.length === 0 ? url.slice(0, at) : `${url.slice(0, at)}?${names.join("&")}`
}

interface LoggedRequest {
  readonly method?: string | undefined
  readonly url?: string | undefined
  readonly id?: string | undefined
  readonly ip?: string | undefined
  readonly socket?: { readonly remotePort?: number | undefined } | undefined
}

/**
 * pino serializers for the Fastify instance (`Fastify({ logger: { serializers: gatehouseLogSerializers } })`):
 * a request is logged by its method, path with parameter names (`loggableUrl`), client address and port.
 */
export const gatehouseLogSerializers = {
  req: (
    request: LoggedRequest
  ): { method?: string; url: string; remoteAddress?: string; remotePort?: number } => ({
    ...(request.method === undefined ? {} : { method: request.method }),
    url: loggableUrl(request.url ?? ""),
    ...(request.ip === undefined ? {} : { remoteAddress: request.ip }),
    ...(request.socket?.remotePort === undefined ? {} : { remotePort: request.socket.remotePort })
  })
}

/** A request id a client may choose: 1 to 128 letters, digits and `. _ : -` (a UUID, a trace id). */
const PLAIN_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/u

/**
 * Fastify's `genReqId` (with `requestIdHeader: false`): the client's `X-Request-Id` when it is a bounded, plain
 * id, else a new UUID. The id is echoed in the response and written to every log line of the request, so a
 * long or markup-bearing value is never taken.
 */
export const gatehouseRequestId = (request: IncomingMessage): string => {
  const presented = request.headers["x-request-id"]
  return typeof presented === "string" && PLAIN_REQUEST_ID.test(presented) ? presented : randomUUID()
}
