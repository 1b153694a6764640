import {
  addMember,
  listMembers,
  Membership,
  removeMember,
  UpdateMemberInput,
  updateMember
} from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { addedMemberResponse } from "../encode/responses.ts"
import { AddMemberBody, ListMembersParams, MemberParams, OrganizationParams } from "../schema/requests.ts"
import { AddedMemberResponse, MemberEntry, page } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

const WHO = "members:manage tenant-wide, or an Admin of this organization."

/** `/v1/organizations/{orgId}/members[/{userId}]`. */
export const memberRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/organizations/:orgId/members",
    tag: "organizations",
    summary: "List an organization's members",
    description:
      "`status=active`: in effect now; `disabled`: disabled or expired. Without users:read tenant-wide (an " +
      "organization's own Admin) each user is only `id`, `email` and the names.",
    auth: "session",
    sharedTransaction: true,
    params: OrganizationParams,
    query: ListMembersParams,
    response: page(MemberEntry),
    handle: ({ actor, params, query }) => listMembers(actor, params.orgId, query)
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/organizations/:orgId/members",
    tag: "organizations",
    summary: "Add a person to an organization",
    description:
      `${WHO} An unknown email creates a pending user and answers their setup link once (also emailed). ` +
      "409 ALREADY_MEMBER. An organization's own Admin adds only users of the tenant's member role (403 " +
      "USER_NOT_ADDABLE otherwise) and gets the user as `id`, `email` and the names.",
    auth: "session",
    params: OrganizationParams,
    body: AddMemberBody,
    status: 201,
    response: AddedMemberResponse,
    handle: ({ actor, params, body }) =>
      addMember(actor, params.orgId, body).pipe(Effect.map(addedMemberResponse))
  })

  registerRoute(app, deps, {
    method: "PATCH",
    url: "/v1/organizations/:orgId/members/:userId",
    tag: "organizations",
    summary: "Change a membership's role, active flag or expiry",
    description: `${WHO} CANNOT_CHANGE_OWN_ROLE, CANNOT_DISABLE_SELF, ROLE_ESCALATION, LAST_ADMIN.`,
    auth: "session",
    params: MemberParams,
    body: UpdateMemberInput,
    response: Membership,
    handle: ({ actor, params, body }) => updateMember(actor, params.orgId, params.userId, body)
  })

  registerRoute(app, deps, {
    method: "DELETE",
    url: "/v1/organizations/:orgId/members/:userId",
    tag: "organizations",
    summary: "Remove a person from an organization (they stay in the tenant)",
    description: `${WHO} CANNOT_DELETE_SELF, LAST_ADMIN.`,
    auth: "session",
    params: MemberParams,
    handle: ({ actor, params }) => removeMember(actor, params.orgId, params.userId)
  })
}
