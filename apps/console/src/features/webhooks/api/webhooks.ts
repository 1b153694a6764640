import { ok } from "@gatehouse/client"
import { EVENT_TYPES } from "@gatehouse/domain"
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

/** The event types a webhook may subscribe to (the test event is sent on request only). */
export const SUBSCRIBABLE = EVENT_TYPES.filter((type) => type !== "webhook.test")
export type EventChoice = (typeof EVENT_TYPES)[number] | "*"

export const webhooksQuery = queryOptions({
  queryKey: ["webhooks"] as const,
  queryFn: () => ok(api.GET("/v1/webhooks"))
})

export const deliveriesQuery = (id: string) =>
  queryOptions({
    queryKey: ["webhooks", id, "deliveries"] as const,
    queryFn: () =>
      ok(api.GET("/v1/webhooks/{id}/deliveries", { params: { path: { id }, query: { limit: 50 } } }))
  })

/** Create, test, rotate, delete a webhook and retry a delivery; each refreshes what it changed. */
export const useWebhookWrites = () => {
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["webhooks"] })
  return {
    create: useMutation({
      mutationFn: (body: { url: string; events: Array<EventChoice>; description?: string }) =>
        ok(api.POST("/v1/webhooks", { body })),
      onSuccess: refresh
    }),
    test: useMutation({
      mutationFn: (id: string) => ok(api.POST("/v1/webhooks/{id}/test", { params: { path: { id } } })),
      onSuccess: refresh
    }),
    rotate: useMutation({
      mutationFn: (id: string) =>
        ok(api.POST("/v1/webhooks/{id}/rotate-secret", { params: { path: { id } } })),
      onSuccess: refresh
    }),
    remove: useMutation({
      mutationFn: (id: string) => ok(api.DELETE("/v1/webhooks/{id}", { params: { path: { id } } })),
      onSuccess: refresh
    }),
    retry: useMutation({
      mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) =>
        ok(
          api.POST("/v1/webhooks/{id}/deliveries/{deliveryId}/retry", {
            params: { path: { id, deliveryId } }
          })
        ),
      onSuccess: refresh
    })
  }
}
