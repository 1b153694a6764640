import { isProblem, ok } from "@gatehouse/client"
import { queryOptions, useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query"
import { api } from "./api.ts"

const fetchMe = () => ok(api.GET("/v1/me"))

/** `GET /v1/me`: the caller, their permissions, memberships, tenant (name, preset) and session scope. */
export type Me = Awaited<ReturnType<typeof fetchMe>>
export type Permission = Me["permissions"][number]

export const meKey = ["me"] as const

/** The signed-in person; fails with a 401 problem when there is no session. */
export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: fetchMe,
  staleTime: 30_000,
  // a 401 is an answer (signed out), not a fault to retry
  retry: (count, error) => !isProblem(error, "UNAUTHENTICATED") && count < 2
})

/** The signed-in person, inside the signed-in layout (which has loaded it). */
export const useMe = (): Me => useSuspenseQuery(meQuery).data

/** Whether `me` holds a tenant permission. Menus and pages ask this, never the role's name. */
export const can = (me: Pick<Me, "permissions">, permission: Permission): boolean =>
  me.permissions.includes(permission)

/** `POST /v1/auth/logout`: ends the session and forgets everything cached for it. */
export const useSignOut = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => ok(api.POST("/v1/auth/logout")),
    onSettled: () => queryClient.clear()
  })
}
