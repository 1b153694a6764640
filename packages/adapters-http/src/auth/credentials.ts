import type { FastifyRequest } from "fastify"
import { SESSION_COOKIE } from "./sessionCookie.ts"

/** What a request presents: nothing, a token, or an Authorization header that is not a bearer token. */
export type PresentedCredential =
  | { readonly _tag: "None" }
  | { readonly _tag: "Token"; readonly token: string; readonly source: "bearer" | "cookie" }
  | { readonly _tag: "Malformed" }

const BEARER = /^Bearer +([\x21-\x7e]+) *$/iu

/**
 * The credential of a request: `Authorization: Bearer <token>` first, else the `gatehouse_session` cookie. An
 * Authorization header of another scheme is not silently ignored in favour of the cookie.
 */
export const presentedCredential = (request: FastifyRequest): PresentedCredential => {
  const header = request.headers.authorization
  if (header !== undefined) {
    const match = BEARER.exec(header)
    return match === null ? { _tag: "Malformed" } : { _tag: "Token", token: match[1]!, source: "bearer" }
  }
  const cookie = request.cookies[SESSION_COOKIE]
  return cookie === undefined || cookie === ""
    ? { _tag: "None" }
    : { _tag: "Token", token: cookie, source: "cookie" }
}
