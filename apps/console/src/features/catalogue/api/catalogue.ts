import { ok } from "@gatehouse/client"
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

export const rolesQuery = queryOptions({
  queryKey: ["roles"] as const,
  queryFn: () => ok(api.GET("/v1/roles")),
  staleTime: 60_000
})
export const groupsQuery = queryOptions({
  queryKey: ["groups"] as const,
  queryFn: () => ok(api.GET("/v1/groups")),
  staleTime: 60_000
})
export const departmentsQuery = queryOptions({
  queryKey: ["departments"] as const,
  queryFn: () => ok(api.GET("/v1/departments")),
  staleTime: 60_000
})

export type Kind = "groups" | "departments"

/** Create, rename and delete a group or a department. */
export const useCatalogueWrites = (kind: Kind) => {
  const queryClient = useQueryClient()
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: [kind] })
  const create = useMutation({
    mutationFn: (name: string) =>
      kind === "groups"
        ? ok(api.POST("/v1/groups", { body: { name } }))
        : ok(api.POST("/v1/departments", { body: { name } })),
    onSuccess
  })
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      kind === "groups"
        ? ok(api.PATCH("/v1/groups/{id}", { params: { path: { id } }, body: { name } }))
        : ok(api.PATCH("/v1/departments/{id}", { params: { path: { id } }, body: { name } })),
    onSuccess
  })
  const remove = useMutation({
    mutationFn: (id: string) =>
      kind === "groups"
        ? ok(api.DELETE("/v1/groups/{id}", { params: { path: { id } } }))
        : ok(api.DELETE("/v1/departments/{id}", { params: { path: { id } } })),
    onSuccess
  })
  return { create, rename, remove }
}
