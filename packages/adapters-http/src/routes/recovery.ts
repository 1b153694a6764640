import {
  AccountRecoverySettings,
  CompleteEmailVerificationInput,
  CompletePasswordResetInput,
  completeEmailVerification,
  completePasswordReset,
  getAccountRecoverySettings,
  RequestPasswordResetInput,
  requestEmailVerification,
  requestPasswordReset,
  StartPasswordResetInput,
  startPasswordReset,
  updateAccountRecoverySettings
} from "@gatehouse/domain"
import type { FastifyInstance } from "fastify"
import { originOf } from "../http/origin.ts"
import { PasswordResetStartedResponse } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

const TOKEN_ERRORS =
  "Unknown or replaced token: 404 TOKEN_INVALID; used: 410 TOKEN_USED; expired: 410 TOKEN_EXPIRED."

/**
 * Account recovery and email verification (DESIGN "Account recovery and email verification"): the anonymous
 * steps have no session and carry the token in the body only; they are rate limited per IP like login.
 */
export const recoveryRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/auth/password-reset",
    tag: "auth",
    summary: "Ask for a password reset link by email",
    description:
      "Always 202 with no body, in about the same time, whether or not the tenant and the account exist. An " +
      "active account is emailed a link to /password-reset#token=... (30 minutes, single use; a new request " +
      "replaces it), a pending one its setup link again; others get nothing. 429 TOO_MANY_ATTEMPTS with " +
      "Retry-After over the limits per email address and per client address.",
    auth: "none",
    rateLimited: true,
    body: RequestPasswordResetInput,
    status: 202,
    handle: ({ body, request }) => requestPasswordReset(body, originOf(request))
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/auth/password-reset/start",
    tag: "auth",
    summary: "Check a reset token (without using it)",
    description:
      "Answers whose account it is and the tenant's password policy, for the live check-marks of the reset " +
      `page (hasMfa: the user has TOTP on, so the policy's MFA minimum applies). ${TOKEN_ERRORS}`,
    auth: "none",
    rateLimited: true,
    body: StartPasswordResetInput,
    response: PasswordResetStartedResponse,
    handle: ({ body, request }) => startPasswordReset(body, originOf(request))
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/auth/password-reset/complete",
    tag: "auth",
    summary: "Set a new password with the token of a reset link",
    description:
      "204: every session of the user has ended, a forced change is cleared and the email counts as verified; " +
      `TOTP is still asked at the next login. 422 PASSWORD_POLICY with the failing rules. ${TOKEN_ERRORS}`,
    auth: "none",
    rateLimited: true,
    body: CompletePasswordResetInput,
    handle: ({ body, request }) => completePasswordReset(body, originOf(request))
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/me/email-verification",
    tag: "me",
    summary: "Email me a link that verifies my email address",
    description:
      "202: a link to /verify-email#token=... (24 hours, single use; a new request replaces it). " +
      "429 TOO_MANY_ATTEMPTS over 5 an hour.",
    auth: "session",
    status: 202,
    handle: ({ actor }) => requestEmailVerification(actor)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/email-verification/complete",
    tag: "me",
    summary: "Verify an email address with the token of a verification link",
    description: `204: the user's emailVerified is set. No session needed. ${TOKEN_ERRORS}`,
    auth: "none",
    rateLimited: true,
    body: CompleteEmailVerificationInput,
    handle: ({ body, request }) => completeEmailVerification(body, originOf(request))
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/settings/account-recovery",
    tag: "settings",
    summary: "Whether users may reset a forgotten password by email",
    auth: "session",
    response: AccountRecoverySettings,
    handle: ({ actor }) => getAccountRecoverySettings(actor)
  })

  registerRoute(app, deps, {
    method: "PUT",
    url: "/v1/settings/account-recovery",
    tag: "settings",
    summary: "Switch password resets by email on or off",
    description:
      "Off: reset requests are answered as usual but send nothing, and links already sent stop working.",
    auth: "session",
    body: AccountRecoverySettings,
    response: AccountRecoverySettings,
    handle: ({ actor, body }) => updateAccountRecoverySettings(actor, body)
  })
}
