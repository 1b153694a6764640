import {
  CreateTenantInput,
  createTenant,
  PutVerifyUrlInput,
  setExternalCredentialsVerifyUrl
} from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { createdTenantResponse } from "../encode/responses.ts"
import { TenantSystemParams } from "../schema/requests.ts"
import { CreatedTenantResponse, ExternalCredentialSettingsResponse } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/**
 * `/v1/tenants`: the platform operator's routes (the platform token as a bearer token): creating a tenant, and
 * where a tenant's users' credentials for an outside system are verified.
 */
export const tenantRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/tenants",
    tag: "tenants",
    summary: "Create a tenant from a preset, with its first admin",
    description:
      "The admin gets a generated temporary password (answered once; forced change at first login), or with " +
      "`invite: true` a setup link (answered once, also emailed). 409 SLUG_TAKEN.",
    auth: "platform",
    body: CreateTenantInput,
    status: 201,
    response: CreatedTenantResponse,
    handle: ({ actor, body }) => createTenant(actor, body).pipe(Effect.map(createdTenantResponse))
  })

  registerRoute(app, deps, {
    method: "PUT",
    url: "/v1/tenants/:slug/external-credentials/:system",
    tag: "tenants",
    summary: "Set where a tenant's users' credentials for an outside system are verified",
    description:
      "Users' usernames and passwords are POSTed to `verifyUrl` when they validate their credentials, so only " +
      "the platform operator sets it (a tenant admin reads it, read only, on GET " +
      "/v1/settings/external-credentials/{system}). `null` switches validation off. The URL obeys the outbound " +
      "rule (422 OUTBOUND_URL_REFUSED, nothing saved). 404 NOT_FOUND for an unknown tenant or a system its " +
      "preset keeps no credentials for.",
    auth: "platform",
    params: TenantSystemParams,
    body: PutVerifyUrlInput,
    response: ExternalCredentialSettingsResponse,
    handle: ({ actor, params, body }) =>
      setExternalCredentialsVerifyUrl(actor, params.slug, params.system, body)
  })
}
