import {
  ChangeOwnPasswordInput,
  changeOwnPassword,
  confirmTotpEnrollment,
  deleteMyExternalCredentials,
  disableTotp,
  getMeOfSession,
  getMyExternalCredentials,
  listMySessions,
  Me,
  PutExternalCredentialsInput,
  putMyExternalCredentials,
  RegenerateRecoveryCodesInput,
  regenerateRecoveryCodes,
  requireExternalCredentials,
  revokeMySession,
  sessionIdOfToken,
  startTotpEnrollment,
  TotpCodeInput,
  UserDetails,
  updateOwnProfile
} from "@gatehouse/domain"
import { Effect, Option, Schema, Struct } from "effect"
import type { FastifyInstance, FastifyReply } from "fastify"
import { presentedCredential } from "../auth/credentials.ts"
import { clearSessionCookie } from "../auth/sessionCookie.ts"
import { recoveryCodesResponse, totpSecretResponse } from "../encode/responses.ts"
import { ifMatchHeaderSchema, ifMatchVersion, setEtag } from "../http/etag.ts"
import { originOf } from "../http/origin.ts"
import { CredentialAccessQuery, MePatchBody, SessionParams, SystemParams } from "../schema/requests.ts"
import {
  ExternalCredentialAccessResponse,
  ExternalCredentialStatusResponse,
  list,
  MyExternalCredentials,
  MySessionInfo,
  RecoveryCodesResponse,
  TotpSecretResponse
} from "../schema/responses.ts"
import { wholeList } from "./actor.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/** The caller's profile as `PATCH /v1/me` answers it: never admin notes, even for an admin. */
const OwnProfile = Schema.Struct(Struct.omit(UserDetails.fields, ["adminNotes"]))

/** `/v1/me/*`: the caller's own profile, password, sessions, TOTP and external credentials. */
export const meRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  // every session of the user ended, the caller's too: the browser's cookie goes with it
  const endsSessions = {
    onSuccess: (reply: FastifyReply, _value: unknown, { secureCookies }: RouteDeps) =>
      clearSessionCookie(reply, { secure: secureCookies })
  }

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/me",
    tag: "me",
    summary: "The caller, their tenant permissions and memberships",
    description: "Also answers a password_change or mfa_enrollment session. ETag = the user's version.",
    // The hottest authenticated route: the use case checks the token and reads the caller together (one
    // statement on SQL).
    auth: "sessionToken",
    response: Me,
    handle: ({ token }) => getMeOfSession(token),
    onSuccess: (reply, me) => setEtag(reply, me.version)
  })

  registerRoute(app, deps, {
    method: "PATCH",
    url: "/v1/me",
    tag: "me",
    summary: "Edit one's own profile",
    description:
      "Names, phone and language. With If-Match the edit applies only to that version (412 VERSION_CONFLICT); " +
      "without it, to the current one. Answers the profile with memberships (GET /v1/me adds permissions).",
    auth: "session",
    headers: ifMatchHeaderSchema(false),
    body: MePatchBody,
    response: OwnProfile,
    handle: ({ actor, body, request }) =>
      Effect.flatMap(ifMatchVersion(request, { required: false }), (version) =>
        updateOwnProfile(actor, body, version)
      ),
    onSuccess: (reply, profile) => setEtag(reply, profile.version)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/me/password",
    tag: "me",
    summary: "Change one's own password",
    description: "Needs the current password. Every session of the user ends, this one too: log in again.",
    auth: "session",
    body: ChangeOwnPasswordInput,
    handle: ({ actor, body, request }) => changeOwnPassword(actor, body, originOf(request)),
    ...endsSessions
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/me/sessions",
    tag: "me",
    summary: "The caller's live sessions",
    description: "`current` marks the session this request was made with (this device).",
    auth: "session",
    response: list(MySessionInfo),
    handle: ({ actor, request }) => {
      const credential = presentedCredential(request)
      // the request was authenticated with this token: its id names the caller's own session
      const currentId =
        credential._tag === "Token" ? Option.getOrUndefined(sessionIdOfToken(credential.token)) : undefined
      return listMySessions(actor).pipe(
        Effect.map((sessions) => wholeList(sessions.map((s) => ({ ...s, current: s.id === currentId }))))
      )
    }
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/me/sessions/:sessionId",
    tag: "me",
    summary: "End one of the caller's sessions",
    auth: "session",
    params: SessionParams,
    handle: ({ actor, params }) => revokeMySession(actor, params.sessionId)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/me/mfa/totp",
    tag: "me",
    summary: "Start TOTP enrolment",
    description: "Answers the secret (base32) and its otpauth:// URI once; confirm with a code.",
    auth: "session",
    response: TotpSecretResponse,
    handle: ({ actor }) => startTotpEnrollment(actor).pipe(Effect.map(totpSecretResponse))
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/me/mfa/totp/confirm",
    tag: "me",
    summary: "Confirm TOTP enrolment with a code",
    description: "Answers ten single-use recovery codes once. Every session of the user ends: log in again.",
    auth: "session",
    body: TotpCodeInput,
    response: RecoveryCodesResponse,
    handle: ({ actor, body, request }) =>
      confirmTotpEnrollment(actor, body, originOf(request)).pipe(Effect.map(recoveryCodesResponse)),
    ...endsSessions
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/me/mfa/totp",
    tag: "me",
    summary: "Turn TOTP off (with a current code or a recovery code)",
    description: "Every session of the user ends: log in again.",
    auth: "session",
    body: TotpCodeInput,
    handle: ({ actor, body, request }) => disableTotp(actor, body, originOf(request)),
    ...endsSessions
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/me/mfa/totp/recovery-codes",
    tag: "me",
    summary: "Replace one's recovery codes (with a current code or the password)",
    description:
      "Body `{code}` (a current TOTP code, or an unused recovery code) or `{currentPassword}`. Answers ten new " +
      "single-use recovery codes once; the old ones stop working. Sessions stay. A wrong code is 422 " +
      "INVALID_TOTP_CODE, a wrong password 422 INVALID_CURRENT_PASSWORD (both counted); without TOTP on, 409 " +
      "TOTP_NOT_ENABLED.",
    auth: "session",
    body: RegenerateRecoveryCodesInput,
    response: RecoveryCodesResponse,
    handle: ({ actor, body, request }) =>
      regenerateRecoveryCodes(actor, body, originOf(request)).pipe(Effect.map(recoveryCodesResponse))
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/me/external-credentials/:system",
    tag: "me",
    summary: "One's own credentials for an outside system (never the password)",
    auth: "session",
    params: SystemParams,
    response: MyExternalCredentials,
    handle: ({ actor, params }) => getMyExternalCredentials(actor, params.system)
  })

  registerRoute(app, deps, {
    method: "PUT",
    url: "/v1/me/external-credentials/:system",
    tag: "me",
    summary: "Store one's own credentials for an outside system",
    description:
      "With `validate`, the outside system is asked first (stored `connected`, or nothing stored).",
    auth: "session",
    params: SystemParams,
    body: PutExternalCredentialsInput,
    response: ExternalCredentialStatusResponse,
    handle: ({ actor, params, body }) => putMyExternalCredentials(actor, params.system, body)
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/me/external-credentials/:system",
    tag: "me",
    summary: "Remove one's own credentials for an outside system",
    description:
      "Nothing stored is no change (204 all the same). While the tenant's default credentials are in force, 409 " +
      "CREDENTIALS_LOCKED, as for PUT.",
    auth: "session",
    params: SystemParams,
    handle: ({ actor, params }) => Effect.asVoid(deleteMyExternalCredentials(actor, params.system))
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/me/external-credentials/:system/access",
    tag: "me",
    summary: "Whether a feature that calls an outside system can run for the caller (never the password)",
    description:
      "`feature`: `orders` (Orders and SROs) or `dashboard` (the home dashboard). Answers the login the feature " +
      "would use: the tenant's default credentials while set (`tenantDefault`), else the caller's own, saved or " +
      "connected (`own`). Without either, 409 EXTERNAL_CREDENTIALS_REQUIRED whose `detail` is the reason to " +
      'show ("To access Orders and SROs, sign in to PIMS.").',
    auth: "session",
    params: SystemParams,
    query: CredentialAccessQuery,
    response: ExternalCredentialAccessResponse,
    handle: ({ actor, params, query }) =>
      requireExternalCredentials(actor, params.system, query.feature).pipe(
        // the password stays in the domain's Redacted: only who logs in, and whose login it is, leaves
        Effect.map(({ source, username }) => ({
          system: params.system,
          feature: query.feature,
          source,
          username
        }))
      )
  })
}
