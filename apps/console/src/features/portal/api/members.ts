import { ok } from "@gatehouse/client"
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

export type MemberTab = "active" | "disabled"

const fetchOrganization = (orgId: string) =>
  ok(api.GET("/v1/organizations/{orgId}", { params: { path: { orgId } } }))

const fetchOrganizationBySlug = (slug: string) =>
  ok(api.GET("/v1/organizations/by-slug/{slug}", { params: { path: { slug } } }))

export type PortalOrganization = Awaited<ReturnType<typeof fetchOrganization>>

const fetchMembers = (orgId: string, status: MemberTab) =>
  ok(
    api.GET("/v1/organizations/{orgId}/members", {
      params: { path: { orgId }, query: { status, limit: 100 } }
    })
  )

export type MembersPage = Awaited<ReturnType<typeof fetchMembers>>
export type Member = MembersPage["items"][number]

const portalKey = (orgId: string) => ["portal", orgId] as const

/** `GET /v1/organizations/{orgId}`: the organization's name for the page's title. */
export const organizationQuery = (orgId: string) =>
  queryOptions({
    queryKey: [...portalKey(orgId), "organization"],
    queryFn: () => fetchOrganization(orgId),
    retry: false
  })

/** `GET /v1/organizations/{orgId}/members?status=`: one tab of the Users table with its total. */
export const membersQuery = (orgId: string, status: MemberTab) =>
  queryOptions({
    queryKey: [...portalKey(orgId), "members", status],
    queryFn: () => fetchMembers(orgId, status),
    retry: false
  })

/** `GET /v1/organizations/by-slug/{slug}`: the organization a `/portal/<slug>` address names. */
export const organizationBySlugQuery = (slug: string) =>
  queryOptions({
    queryKey: ["portal", "by-slug", slug] as const,
    queryFn: () => fetchOrganizationBySlug(slug),
    retry: false
  })

export const useOrganization = (orgId: string) => useQuery(organizationQuery(orgId))
export const useOrganizationBySlug = (slug: string, options: { readonly enabled: boolean }) =>
  useQuery({ ...organizationBySlugQuery(slug), enabled: options.enabled })
export const useMembers = (orgId: string, status: MemberTab) => useQuery(membersQuery(orgId, status))

const useInvalidateMembers = (orgId: string) => {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: [...portalKey(orgId), "members"] })
}

export interface NewMember {
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  readonly role: string
}

/** `POST /v1/organizations/{orgId}/members` (Add User): an unknown email creates the user. */
export const useAddMember = (orgId: string) => {
  const invalidate = useInvalidateMembers(orgId)
  return useMutation({
    mutationFn: (member: NewMember) =>
      ok(api.POST("/v1/organizations/{orgId}/members", { params: { path: { orgId } }, body: member })),
    onSuccess: invalidate
  })
}

/** `PATCH /v1/organizations/{orgId}/members/{userId}`: the Active toggle and the Permissions dropdown. */
export const useUpdateMember = (orgId: string) => {
  const invalidate = useInvalidateMembers(orgId)
  return useMutation({
    mutationFn: (change: { readonly userId: string; readonly role?: string; readonly active?: boolean }) => {
      const { userId, ...body } = change
      return ok(
        api.PATCH("/v1/organizations/{orgId}/members/{userId}", { params: { path: { orgId, userId } }, body })
      )
    },
    onSettled: invalidate
  })
}
