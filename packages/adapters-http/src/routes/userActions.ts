import {
  type Actor,
  adminClearTotp,
  type ChangeStatusError,
  changeRole,
  deactivateUser,
  disableUser,
  enableUser,
  getUserExternalCredentials,
  InvalidInput,
  listUserSessions,
  type ResetPasswordInput,
  regenerateSetupLink,
  resetPassword,
  restoreUser,
  revokeSetupLink,
  revokeUserSessions,
  UserDetails,
  type UserId
} from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { passwordResetResponse, setupLinkResponse } from "../encode/responses.ts"
import { setEtag } from "../http/etag.ts"
import { ChangeRoleBody, ResetPasswordBody, UserParams, UserSystemParams } from "../schema/requests.ts"
import {
  ExternalCredentialSummary,
  list,
  PasswordResetResponse,
  SessionInfo,
  SessionsEndedResponse,
  SetupLinkResponse,
  SetupLinksRevokedResponse
} from "../schema/responses.ts"
import type { GatehouseServices } from "../services.ts"
import { wholeList } from "./actor.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

type StatusChange = (
  actor: Actor,
  userId: UserId
) => Effect.Effect<typeof UserDetails.Type, ChangeStatusError, GatehouseServices>

const STATUS_CHANGES: ReadonlyArray<readonly [string, StatusChange, string]> = [
  [
    "disable",
    disableUser,
    "active | pending -> disabled; login blocked, sessions end, a setup link refused until enabled. " +
      "CANNOT_DISABLE_SELF, LAST_ADMIN."
  ],
  ["enable", enableUser, "disabled -> active, or pending for a user who never finished setup."],
  [
    "deactivate",
    deactivateUser,
    "-> deactivated (soft delete, restorable); sessions end. CANNOT_DISABLE_SELF."
  ],
  ["restore", restoreUser, "deactivated -> active (or pending when setup was never completed)."]
]

const resetInput = (body: typeof ResetPasswordBody.Type): Effect.Effect<ResetPasswordInput, InvalidInput> =>
  body.newPassword !== undefined && body.generate !== true
    ? Effect.succeed({ password: body.newPassword })
    : body.newPassword === undefined && body.generate === true
      ? Effect.succeed({ generate: true })
      : Effect.fail(
          new InvalidInput({
            errors: [{ path: "", message: "Give exactly one of newPassword and generate: true" }]
          })
        )

/** `/v1/users/{id}/...`: role, status, password reset, setup link, sessions, TOTP reset, credentials. */
export const userActionRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "PUT",
    url: "/v1/users/:id/role",
    tag: "users",
    summary: "Give a user another tenant role",
    description: "Needs users:roles. CANNOT_CHANGE_OWN_ROLE, ROLE_ESCALATION, LAST_ADMIN.",
    auth: "session",
    params: UserParams,
    body: ChangeRoleBody,
    response: UserDetails,
    handle: ({ actor, params, body }) => changeRole(actor, params.id, body.role),
    onSuccess: (reply, user) => setEtag(reply, user.version)
  })

  for (const [name, change, description] of STATUS_CHANGES) {
    registerRoute(app, deps, {
      method: "POST",
      url: `/v1/users/:id/${name}`,
      tag: "users",
      summary: `${name[0]!.toUpperCase()}${name.slice(1)} a user`,
      description: `Needs users:write. ${description}`,
      auth: "session",
      params: UserParams,
      response: UserDetails,
      handle: ({ actor, params }) => change(actor, params.id),
      onSuccess: (reply, user) => setEtag(reply, user.version)
    })
  }

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/users/:id/password",
    tag: "users",
    summary: "Reset a user's password (forced change at next login)",
    description:
      "Exactly one of `newPassword` and `generate: true` (answered once as `generatedPassword`). " +
      "The user's sessions end.",
    auth: "session",
    params: UserParams,
    body: ResetPasswordBody,
    response: PasswordResetResponse,
    handle: ({ actor, params, body }) =>
      resetInput(body).pipe(
        Effect.flatMap((input) => resetPassword(actor, params.id, input)),
        Effect.map(passwordResetResponse)
      )
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/users/:id/setup-link",
    tag: "users",
    summary: "Send a pending user a new setup link",
    description: "The previous link stops working. The link is answered once (and emailed).",
    auth: "session",
    params: UserParams,
    response: SetupLinkResponse,
    handle: ({ actor, params }) => regenerateSetupLink(actor, params.id).pipe(Effect.map(setupLinkResponse))
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/users/:id/setup-link",
    tag: "users",
    summary: "Revoke a pending user's setup link",
    auth: "session",
    params: UserParams,
    response: SetupLinksRevokedResponse,
    handle: ({ actor, params }) => revokeSetupLink(actor, params.id)
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/users/:id/sessions",
    tag: "users",
    summary: "A user's live sessions",
    auth: "session",
    params: UserParams,
    response: list(SessionInfo),
    handle: ({ actor, params }) => listUserSessions(actor, params.id).pipe(Effect.map(wholeList))
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/users/:id/sessions",
    tag: "users",
    summary: "End every session of a user",
    description: "Needs users:write; a user who holds a permission the caller lacks: 403 ROLE_ESCALATION.",
    auth: "session",
    params: UserParams,
    response: SessionsEndedResponse,
    handle: ({ actor, params }) =>
      revokeUserSessions(actor, params.id).pipe(Effect.map((ended) => ({ ended })))
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/users/:id/mfa/totp",
    tag: "users",
    summary: "Clear a locked-out user's TOTP (re-enrolment follows)",
    auth: "session",
    params: UserParams,
    handle: ({ actor, params }) => adminClearTotp(actor, params.id)
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/users/:id/external-credentials/:system",
    tag: "users",
    summary: "Presence and status of a user's credentials for an outside system",
    auth: "session",
    params: UserSystemParams,
    response: ExternalCredentialSummary,
    handle: ({ actor, params }) => getUserExternalCredentials(actor, params.id, params.system)
  })
}
