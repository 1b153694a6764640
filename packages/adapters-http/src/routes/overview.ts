import { getSignInsPerDay, getUsersOverview, listExpiringMemberships } from "@gatehouse/domain"
import type { FastifyInstance } from "fastify"
import {
  ExpiringMembershipsQuery,
  ExpiringMembershipsResponse,
  SignInsQuery,
  SignInsResponse,
  UsersOverviewResponse
} from "../schema/overview.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/** `/v1/overview/*`: the home page's figures, each read in a few rows at any number of users. */
export const overviewRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/overview/users",
    tag: "overview",
    summary: "Users per status and the pending setup invitations",
    description: "From counters kept with every change (fast at any size). Needs users:read.",
    auth: "session",
    sharedTransaction: true,
    response: UsersOverviewResponse,
    handle: ({ actor }) => getUsersOverview(actor)
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/overview/sign-ins",
    tag: "overview",
    summary: "Successful sign-ins per UTC day over the last `days` days (default 30, at most 90)",
    description: "Oldest first, today included, zero-filled. Needs audit:read.",
    auth: "session",
    sharedTransaction: true,
    query: SignInsQuery,
    response: SignInsResponse,
    handle: ({ actor, query }) => getSignInsPerDay(actor, query)
  })

  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/overview/expiring-memberships",
    tag: "overview",
    summary: "Memberships of every organization expiring within `days` days (default 14), soonest first",
    description: "At most `limit` (default 50) with the `total`. Needs users:read.",
    auth: "session",
    sharedTransaction: true,
    query: ExpiringMembershipsQuery,
    response: ExpiringMembershipsResponse,
    handle: ({ actor, query }) => listExpiringMemberships(actor, query)
  })
}
