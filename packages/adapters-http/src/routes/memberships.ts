import { listMemberships } from "@gatehouse/domain"
import type { FastifyInstance } from "fastify"
import { ListMembershipsParams } from "../schema/requests.ts"
import { MembershipListEntry, page } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/** `/v1/memberships`: every organization's memberships in one list (003's Admin -> Memberships). */
export const membershipRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/memberships",
    tag: "organizations",
    summary: "List the memberships of every organization, soonest expiry first",
    description:
      "Ordered by `expiresAt` (memberships without one last), then organization id and user id. Filters: " +
      "`organization` and `user` (ids), `role`, `q` (the user's name, display name or email), and `expiresAfter` " +
      "/ `expiresBefore` (exclusive bounds on `expiresAt`, which leave out memberships without one; " +
      "expiring within N days: `expiresAfter` now and `expiresBefore` now + N days). An inactive organization's " +
      "memberships are listed with its status and `inEffect: false`. Needs members:read or members:manage " +
      "tenant-wide (an organization's own Admin lists their organization's members instead).",
    auth: "session",
    sharedTransaction: true,
    query: ListMembershipsParams,
    response: page(MembershipListEntry),
    handle: ({ actor, query }) => {
      const { organization, user, ...rest } = query
      return listMemberships(actor, {
        ...rest,
        ...(organization === undefined ? {} : { organizationId: organization }),
        ...(user === undefined ? {} : { userId: user })
      })
    }
  })
}
