import type { FastifyReply, FastifyRequest } from "fastify"
import { sendProblem } from "../errors/problem.ts"
import { requestProblems } from "../errors/requestProblems.ts"

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"])

/**
 * Whether an unsafe request may go on, judged by what the browser says about where it comes from.
 *
 * - `Authorization` present (a bearer token, or a malformed header the route refuses): not a browser's ambient
 *   credential, nothing to forge; it passes.
 * - Otherwise the request is authenticated by the `gatehouse_session` cookie, or by nothing yet (login, setup,
 *   password reset: refusing those cross-site too keeps another site from signing a browser in to an account
 *   of its choosing, "login CSRF"). It passes when `Sec-Fetch-Site` is `same-origin`, or `Origin` is the
 *   allowed origin (GATEHOUSE_PUBLIC_URL's, e.g. behind a proxy that rewrites nothing the browser sees).
 * - A request with neither `Origin` nor `Sec-Fetch-Site` passes: browsers send both on every unsafe fetch or
 *   form post (Sec-Fetch-Site since Chrome 76, Firefox 90, Safari 16.4; Origin on every POST/PUT/PATCH/DELETE),
 *   so such a request comes from curl, a server or a script, which carries no victim's cookie. Any other
 *   `Sec-Fetch-Site` (`cross-site`, `same-site`, `none`) or `Origin` (another site, `null`) is refused.
 */
export const csrfAllowed = (request: FastifyRequest, allowedOrigin: string | undefined): boolean => {
  if (SAFE_METHODS.has(request.method)) return true
  if (request.headers.authorization !== undefined) return true
  const site = request.headers["sec-fetch-site"]
  const origin = request.headers.origin
  if (site === undefined && origin === undefined) return true
  if (site === "same-origin") return true
  return origin !== undefined && allowedOrigin !== undefined && origin === allowedOrigin
}

/**
 * An `onRequest` hook refusing a cross-site unsafe request before its body is read or a use case runs:
 * 403 `CSRF_REJECTED`, nothing changed.
 */
export const csrfGuard =
  (allowedOrigin: string | undefined) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (csrfAllowed(request, allowedOrigin)) return undefined
    request.log.info({ code: requestProblems.csrfRejected.code }, "request refused")
    return sendProblem(reply, requestProblems.csrfRejected, undefined)
  }
