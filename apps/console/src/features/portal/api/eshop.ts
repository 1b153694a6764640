import { ok } from "@gatehouse/client"
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

const fetchAvailability = (orgId: string) =>
  ok(api.GET("/v1/organizations/{orgId}/eshop", { params: { path: { orgId } } }))

const memberPath = (orgId: string, userId: string) => ({ params: { path: { orgId, userId } } })

const fetchStatus = (orgId: string, userId: string) =>
  ok(api.GET("/v1/organizations/{orgId}/members/{userId}/eshop", memberPath(orgId, userId)))

export type EshopStatus = Awaited<ReturnType<typeof fetchStatus>>["status"]

const eshopKey = (orgId: string) => ["portal", orgId, "eshop"] as const
const statusKey = (orgId: string, userId: string) => [...eshopKey(orgId), "status", userId] as const

/** `GET /v1/organizations/{orgId}/eshop`: whether the tenant has a store (001: the eShop columns show only then). */
export const eshopAvailabilityQuery = (orgId: string) =>
  queryOptions({
    queryKey: [...eshopKey(orgId), "availability"],
    queryFn: () => fetchAvailability(orgId),
    retry: false,
    staleTime: 5 * 60_000
  })

/**
 * `GET .../members/{userId}/eshop`: one member's store status, read live from Shopify by the server. Asked only for
 * the rows on screen (the table of the open tab), kept a minute, and replaced by what an action answers, so a page
 * costs one store lookup per member shown, not one per render or per tab switch.
 */
export const eshopStatusQuery = (orgId: string, userId: string) =>
  queryOptions({
    queryKey: statusKey(orgId, userId),
    queryFn: () => fetchStatus(orgId, userId),
    retry: false,
    staleTime: 60_000
  })

export const useEshopAvailability = (orgId: string, options: { readonly enabled: boolean }) =>
  useQuery({ ...eshopAvailabilityQuery(orgId), enabled: options.enabled })

export const useEshopStatus = (orgId: string, userId: string) => useQuery(eshopStatusQuery(orgId, userId))

/** The actions of the eShop Access column; each answer's status replaces the row's (no second store lookup). */
export const useEshopActions = (orgId: string, userId: string) => {
  const queryClient = useQueryClient()
  const settle = (answer: { readonly status: EshopStatus }) => {
    queryClient.setQueryData(statusKey(orgId, userId), { status: answer.status })
  }
  // an error may mean the status moved on (activated meanwhile, revoked elsewhere): read it again
  const reread = () => queryClient.invalidateQueries({ queryKey: statusKey(orgId, userId) })
  const path = memberPath(orgId, userId)
  return {
    invite: useMutation({
      mutationFn: () => ok(api.POST("/v1/organizations/{orgId}/members/{userId}/eshop/invite", path)),
      onSuccess: settle,
      onError: reread
    }),
    resend: useMutation({
      mutationFn: () => ok(api.POST("/v1/organizations/{orgId}/members/{userId}/eshop/resend", path)),
      onSuccess: settle,
      onError: reread
    }),
    revoke: useMutation({
      mutationFn: () => ok(api.POST("/v1/organizations/{orgId}/members/{userId}/eshop/revoke", path)),
      onSuccess: settle,
      onError: reread
    }),
    activationUrl: useMutation({
      mutationFn: () => ok(api.POST("/v1/organizations/{orgId}/members/{userId}/eshop/activation-url", path)),
      onError: reread
    })
  }
}
