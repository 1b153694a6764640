import { CreateTenantInput, createTenant } from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { createdTenantResponse } from "../encode/responses.ts"
import { CreatedTenantResponse } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/** `POST /v1/tenants`: the platform operator (platform token as a bearer token) creates a tenant. */
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
}
