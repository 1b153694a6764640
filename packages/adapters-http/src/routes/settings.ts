import {
  getExternalCredentialSettings,
  PutExternalCredentialSettingsInput,
  putExternalCredentialSettings
} from "@gatehouse/domain"
import type { FastifyInstance } from "fastify"
import { SystemParams } from "../schema/requests.ts"
import { ExternalCredentialSettingsResponse } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/** `/v1/settings/*` (settings:manage). Secrets are write-only: never answered. */
export const settingsRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/settings/external-credentials/:system",
    tag: "settings",
    summary: "Where credentials for an outside system are verified, and the tenant's default credentials",
    description:
      "The default password is never answered, only the username. `verifyUrl` is read only here: the platform " +
      "operator sets it (PUT /v1/tenants/{slug}/external-credentials/{system}).",
    auth: "session",
    params: SystemParams,
    response: ExternalCredentialSettingsResponse,
    handle: ({ actor, params }) => getExternalCredentialSettings(actor, params.system)
  })

  registerRoute(app, deps, {
    method: "PUT",
    url: "/v1/settings/external-credentials/:system",
    tag: "settings",
    summary: "Set the tenant's default credentials",
    description:
      "Absent: unchanged; null: cleared. While default credentials are set, users' own are locked. A `verifyUrl` " +
      "is refused (400 VALIDATION): the platform operator sets it.",
    auth: "session",
    params: SystemParams,
    body: PutExternalCredentialSettingsInput,
    response: ExternalCredentialSettingsResponse,
    handle: ({ actor, params, body }) => putExternalCredentialSettings(actor, params.system, body)
  })
}
