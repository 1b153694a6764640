import { ok, type paths } from "@gatehouse/client"
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

const listOrganizations = () => ok(api.GET("/v1/organizations", { params: { query: { limit: 200 } } }))
const listMembers = (orgId: string) =>
  ok(api.GET("/v1/organizations/{orgId}/members", { params: { path: { orgId }, query: { limit: 200 } } }))

type MembershipsQuery = NonNullable<paths["/v1/memberships"]["get"]["parameters"]["query"]>
const listMemberships = (query: MembershipsQuery) => ok(api.GET("/v1/memberships", { params: { query } }))

export type MembershipRow = Awaited<ReturnType<typeof listMemberships>>["items"][number]

/** What the tenant-wide grid asks for: "Expiring within" N days (null: any time), a search, and a page. */
export interface MembershipsFilter {
  readonly withinDays: number | null
  readonly q: string
  readonly cursor: string | undefined
}

export const MEMBERSHIPS_PAGE_SIZE = 50

const DAY = 86_400_000

/**
 * `GET /v1/memberships`: every organization's memberships, soonest expiry first. "Expiring within N days" is
 * the window from now (not expired yet) to now + N days, taken when the page is fetched.
 */
export const membershipsQuery = (filter: MembershipsFilter) =>
  queryOptions({
    queryKey: ["memberships", filter] as const,
    queryFn: () => {
      const now = Date.now()
      return listMemberships({
        limit: MEMBERSHIPS_PAGE_SIZE,
        ...(filter.q === "" ? {} : { q: filter.q }),
        ...(filter.withinDays === null
          ? {}
          : {
              expiresAfter: new Date(now).toISOString(),
              expiresBefore: new Date(now + filter.withinDays * DAY).toISOString()
            }),
        ...(filter.cursor === undefined ? {} : { cursor: filter.cursor })
      })
    },
    placeholderData: keepPreviousData
  })

export type OrganizationRow = Awaited<ReturnType<typeof listOrganizations>>["items"][number]
export type MemberRow = Awaited<ReturnType<typeof listMembers>>["items"][number]
export type AddMemberBody =
  paths["/v1/organizations/{orgId}/members"]["post"]["requestBody"]["content"]["application/json"]

export const organizationsQuery = queryOptions({
  queryKey: ["organizations"] as const,
  queryFn: listOrganizations,
  staleTime: 30_000
})

export const membersQuery = (orgId: string) =>
  queryOptions({ queryKey: ["members", orgId] as const, queryFn: () => listMembers(orgId) })

const useInvalidate = () => {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["members"] }),
      queryClient.invalidateQueries({ queryKey: ["memberships"] }),
      queryClient.invalidateQueries({ queryKey: ["overview"] }),
      queryClient.invalidateQueries({ queryKey: ["users"] })
    ])
}

export const useAddMember = () => {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: ({ orgId, body }: { orgId: string; body: AddMemberBody }) =>
      ok(api.POST("/v1/organizations/{orgId}/members", { params: { path: { orgId } }, body })),
    onSuccess: invalidate
  })
}

export const useUpdateMember = () => {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: ({ orgId, userId, expiresAt }: { orgId: string; userId: string; expiresAt: string | null }) =>
      ok(
        api.PATCH("/v1/organizations/{orgId}/members/{userId}", {
          params: { path: { orgId, userId } },
          body: { expiresAt }
        })
      ),
    onSuccess: invalidate
  })
}

export const useRemoveMember = () => {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: ({ orgId, userId }: { orgId: string; userId: string }) =>
      ok(api.DELETE("/v1/organizations/{orgId}/members/{userId}", { params: { path: { orgId, userId } } })),
    onSuccess: invalidate
  })
}

export const useCreateOrganization = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (name: string) => ok(api.POST("/v1/organizations", { body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["organizations"] })
  })
}

/** A date input's day as the end of that day in UTC; empty: no expiry. */
export const expiryOf = (day: string): string | null =>
  day === "" ? null : new Date(`${day}T23:59:59.000Z`).toISOString()

/** Whole days from now until `at`, rounded up. */
export const daysUntil = (at: string, now: number = Date.now()): number =>
  Math.max(0, Math.ceil((Date.parse(at) - now) / 86_400_000))
