import { ok, type paths } from "@gatehouse/client"
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

export type CreateOrganizationBody =
  paths["/v1/organizations"]["post"]["requestBody"]["content"]["application/json"]
export type UpdateOrganizationBody =
  paths["/v1/organizations/{orgId}"]["patch"]["requestBody"]["content"]["application/json"]

const listOrganizations = (q: string) =>
  ok(api.GET("/v1/organizations", { params: { query: { limit: 200, ...(q === "" ? {} : { q }) } } }))
const getOrganization = (orgId: string) =>
  ok(api.GET("/v1/organizations/{orgId}", { params: { path: { orgId } } }))
const listMembers = (orgId: string, status: "active" | "disabled") =>
  ok(
    api.GET("/v1/organizations/{orgId}/members", {
      params: { path: { orgId }, query: { status, limit: 200 } }
    })
  )

export type Organization = Awaited<ReturnType<typeof getOrganization>>
export type OrganizationMember = Awaited<ReturnType<typeof listMembers>>["items"][number]

const key = ["organizations"] as const

/** `GET /v1/organizations?q=`: the tenant's organizations by name (at most 200: a console list, not an export). */
export const useOrganizations = (q: string) =>
  useQuery({
    queryKey: [...key, "list", q],
    queryFn: () => listOrganizations(q),
    placeholderData: keepPreviousData
  })

export const organizationDetailQuery = (orgId: string) =>
  queryOptions({ queryKey: [...key, "detail", orgId], queryFn: () => getOrganization(orgId), retry: false })

export const useOrganizationDetail = (orgId: string) => useQuery(organizationDetailQuery(orgId))

/** Both tabs of members (active and disabled), each with role, membership state and expiry. */
export const useOrganizationMembers = (orgId: string) =>
  useQuery({
    queryKey: [...key, "members", orgId],
    queryFn: async () => {
      const [active, disabled] = await Promise.all([
        listMembers(orgId, "active"),
        listMembers(orgId, "disabled")
      ])
      return [...active.items, ...disabled.items]
    }
  })

const useInvalidate = () => {
  const queryClient = useQueryClient()
  // the memberships page and the portal read organizations too
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: ["portal"] })
    ])
}

/** `POST /v1/organizations`. */
export const useCreateOrganization = () => {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: (body: CreateOrganizationBody) => ok(api.POST("/v1/organizations", { body })),
    onSuccess: invalidate
  })
}

/** `PATCH /v1/organizations/{orgId}` with the version read (If-Match): a concurrent edit is 412. */
export const useUpdateOrganization = (orgId: string) => {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: ({ version, body }: { readonly version: number; readonly body: UpdateOrganizationBody }) =>
      ok(
        api.PATCH("/v1/organizations/{orgId}", {
          params: { path: { orgId }, header: { "if-match": `W/"${version}"` } },
          body
        })
      ),
    onSuccess: invalidate
  })
}
