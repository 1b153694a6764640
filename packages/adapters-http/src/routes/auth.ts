import { LoginInput, login, logout } from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import type { FastifyInstance } from "fastify"
import { presentedCredential } from "../auth/credentials.ts"
import { clearSessionCookie, setSessionCookie } from "../auth/sessionCookie.ts"
import { loginResponse } from "../encode/responses.ts"
import { originOf } from "../http/origin.ts"
import { LoginResponse } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/** `/v1/auth/*`: log in (token in the body and as the session cookie) and log out. Rate limited per IP. */
export const authRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/auth/login",
    tag: "auth",
    summary: "Log in",
    description:
      "401 INVALID_CREDENTIALS for an unknown tenant or email, a wrong password and a blocked account alike; " +
      "401 MFA_REQUIRED when the password is right and a TOTP code is needed; 429 TOO_MANY_ATTEMPTS with Retry-After.",
    auth: "none",
    rateLimited: true,
    body: LoginInput,
    response: LoginResponse,
    handle: ({ body, request }) => login(body, originOf(request)).pipe(Effect.map(loginResponse)),
    onSuccess: (reply, value, { secureCookies }) =>
      setSessionCookie(reply, value.token, value.session.expiresAt, { secure: secureCookies })
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/auth/logout",
    tag: "auth",
    summary: "Log out",
    description:
      "Ends the session of the presented token (bearer or cookie) and clears the cookie; always 204.",
    auth: "none",
    rateLimited: true,
    handle: ({ request }) => {
      const credential = presentedCredential(request)
      return credential._tag === "Token" ? logout(Redacted.make(credential.token)) : Effect.void
    },
    onSuccess: (reply, _, { secureCookies }) => clearSessionCookie(reply, { secure: secureCookies })
  })
}
