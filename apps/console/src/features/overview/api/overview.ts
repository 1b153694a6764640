import { ok } from "@gatehouse/client"
import { queryOptions } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

/** `GET /v1/overview/users`: users per status and pending invitations (counters: fast at any size). */
export const usersOverviewQuery = queryOptions({
  queryKey: ["overview", "users"] as const,
  queryFn: () => ok(api.GET("/v1/overview/users")),
  staleTime: 30_000
})

/** `GET /v1/overview/sign-ins`: the last 30 days, oldest first. */
export const signInsQuery = queryOptions({
  queryKey: ["overview", "sign-ins"] as const,
  queryFn: () => ok(api.GET("/v1/overview/sign-ins", { params: { query: { days: 30 } } })),
  staleTime: 60_000
})

/** `GET /v1/overview/expiring-memberships`: the next 14 days, soonest first. */
export const expiringMembershipsQuery = queryOptions({
  queryKey: ["overview", "expiring-memberships"] as const,
  queryFn: () =>
    ok(api.GET("/v1/overview/expiring-memberships", { params: { query: { days: 14, limit: 20 } } })),
  staleTime: 60_000
})

/** Whole days from `now` until `at` (rounded up: anything later today is "in 1 day"). */
export const daysUntil = (at: string, now: number = Date.now()): number =>
  Math.max(0, Math.ceil((Date.parse(at) - now) / 86_400_000))
