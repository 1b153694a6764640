import {
  CreateOrganizationInput,
  createOrganization,
  deleteOrganization,
  getOrganization,
  getOrganizationBySlug,
  listOrganizations,
  Organization,
  UpdateOrganizationInput,
  updateOrganization
} from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { ifMatchHeaderSchema, ifMatchVersion, setEtag } from "../http/etag.ts"
import { ListOrganizationsParams, OrganizationParams, OrganizationSlugParams } from "../schema/requests.ts"
import { page } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/** `/v1/organizations`, `/v1/organizations/{orgId}` and `/v1/organizations/by-slug/{slug}`. */
export const organizationRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/organizations",
    tag: "organizations",
    summary: "List organizations",
    description: "orgs:manage sees all; a member sees the organizations where their membership is in effect.",
    auth: "session",
    sharedTransaction: true,
    query: ListOrganizationsParams,
    response: page(Organization),
    handle: ({ actor, query }) => listOrganizations(actor, query)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/organizations",
    tag: "organizations",
    summary: "Create an organization",
    description:
      "Needs orgs:manage. Without a slug the name's (lower-case ASCII and hyphens), with -2, -3 ... when taken; a slug given and taken is 409 SLUG_TAKEN.",
    auth: "session",
    body: CreateOrganizationInput,
    status: 201,
    response: Organization,
    handle: ({ actor, body }) => createOrganization(actor, body),
    onSuccess: (reply, organization) => setEtag(reply, organization.version)
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/organizations/:orgId",
    tag: "organizations",
    summary: "One organization",
    description: 'ETag: W/"<version>".',
    auth: "session",
    sharedTransaction: true,
    params: OrganizationParams,
    response: Organization,
    handle: ({ actor, params }) => getOrganization(actor, params.orgId),
    onSuccess: (reply, organization) => setEtag(reply, organization.version)
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/organizations/by-slug/:slug",
    tag: "organizations",
    summary: "One organization by its slug (the client portal's /portal/<slug>)",
    description:
      'Who may read it as GET /v1/organizations/{orgId}; an organization the caller may not read is 404 NOT_FOUND like an unknown slug (403 only for a caller who reads no organization at all). ETag: W/"<version>".',
    auth: "session",
    sharedTransaction: true,
    params: OrganizationSlugParams,
    response: Organization,
    handle: ({ actor, params }) => getOrganizationBySlug(actor, params.slug),
    onSuccess: (reply, organization) => setEtag(reply, organization.version)
  })

  registerRoute(app, deps, {
    method: "PATCH",
    url: "/v1/organizations/:orgId",
    tag: "organizations",
    summary: "Change an organization's name, slug, client fields, status, kind or codes",
    description:
      "Needs orgs:manage. With If-Match the change applies only to that version (412 VERSION_CONFLICT). The slug changes only while the organization has no member (409 SLUG_IMMUTABLE); a taken slug is 409 SLUG_TAKEN.",
    auth: "session",
    params: OrganizationParams,
    headers: ifMatchHeaderSchema(false),
    body: UpdateOrganizationInput,
    response: Organization,
    handle: ({ actor, params, body, request }) =>
      ifMatchVersion(request, { required: false }).pipe(
        Effect.flatMap((expectedVersion) =>
          updateOrganization(actor, params.orgId, body, { expectedVersion })
        )
      ),
    onSuccess: (reply, organization) => setEtag(reply, organization.version)
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/organizations/:orgId",
    tag: "organizations",
    summary: "Delete an organization and its memberships",
    description: "Needs orgs:manage.",
    auth: "session",
    params: OrganizationParams,
    handle: ({ actor, params }) => deleteOrganization(actor, params.orgId)
  })
}
