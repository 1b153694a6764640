import { ok, type paths } from "@gatehouse/client"
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

const listUsers = (query: UserListQuery) => ok(api.GET("/v1/users", { params: { query } }))
const getUser = (id: string) => ok(api.GET("/v1/users/{id}", { params: { path: { id } } }))

/** The filters, sort and cursor of `GET /v1/users`. */
export type UserListQuery = NonNullable<paths["/v1/users"]["get"]["parameters"]["query"]>
export type UserPage = Awaited<ReturnType<typeof listUsers>>
export type UserRow = UserPage["items"][number]
export type UserDetails = Awaited<ReturnType<typeof getUser>>
export type CreateUserBody = paths["/v1/users"]["post"]["requestBody"]["content"]["application/json"]
export type UserPatchBody = paths["/v1/users/{id}"]["patch"]["requestBody"]["content"]["application/json"]

export const usersKey = ["users"] as const

/** One page of users; the previous page stays on screen while the next one loads. */
export const usersQuery = (query: UserListQuery) =>
  queryOptions({
    queryKey: [...usersKey, "list", query] as const,
    queryFn: () => listUsers(query),
    placeholderData: keepPreviousData
  })

export const userQuery = (id: string) =>
  queryOptions({ queryKey: [...usersKey, "one", id] as const, queryFn: () => getUser(id) })

export const useUsers = (query: UserListQuery) => useQuery(usersQuery(query))
export const useUser = (id: string) => useQuery(userQuery(id))

/** Every users query refetches after a change (lists, totals, the profile). */
const useInvalidateUsers = () => {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: usersKey })
}

export const useCreateUser = () => {
  const invalidate = useInvalidateUsers()
  return useMutation({
    mutationFn: (body: CreateUserBody) => ok(api.POST("/v1/users", { body })),
    onSuccess: invalidate
  })
}

/** `PATCH /v1/users/{id}` at the version the form was read at (`If-Match`; 412 VERSION_CONFLICT otherwise). */
export const useUpdateUser = () => {
  const invalidate = useInvalidateUsers()
  return useMutation({
    mutationFn: ({ id, version, patch }: { id: string; version: number; patch: UserPatchBody }) =>
      ok(
        api.PATCH("/v1/users/{id}", {
          params: { path: { id }, header: { "if-match": `W/"${version}"` } },
          body: patch
        })
      ),
    onSuccess: invalidate
  })
}

export const useChangeRole = () => {
  const invalidate = useInvalidateUsers()
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: string }) =>
      ok(api.PUT("/v1/users/{id}/role", { params: { path: { id } }, body: { role } })),
    onSuccess: invalidate
  })
}

export const useDeleteUser = () => {
  const invalidate = useInvalidateUsers()
  return useMutation({
    mutationFn: (id: string) => ok(api.DELETE("/v1/users/{id}", { params: { path: { id } } })),
    onSuccess: invalidate
  })
}

/** The status changes of `POST /v1/users/{id}/<action>`. */
export type StatusAction = "disable" | "enable" | "deactivate" | "restore"

export const useStatusAction = () => {
  const invalidate = useInvalidateUsers()
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: StatusAction }) => {
      const options = { params: { path: { id } } }
      switch (action) {
        case "disable":
          return ok(api.POST("/v1/users/{id}/disable", options))
        case "enable":
          return ok(api.POST("/v1/users/{id}/enable", options))
        case "deactivate":
          return ok(api.POST("/v1/users/{id}/deactivate", options))
        case "restore":
          return ok(api.POST("/v1/users/{id}/restore", options))
      }
    },
    onSuccess: invalidate
  })
}

/** An admin's password reset: a typed password or a generated one; the user must change it at next login. */
export const useResetPassword = () => {
  const invalidate = useInvalidateUsers()
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword?: string }) =>
      ok(
        api.POST("/v1/users/{id}/password", {
          params: { path: { id } },
          body: newPassword === undefined ? { generate: true } : { newPassword }
        })
      ),
    onSuccess: invalidate
  })
}

export const useRegenerateSetupLink = () => {
  const invalidate = useInvalidateUsers()
  return useMutation({
    mutationFn: (id: string) => ok(api.POST("/v1/users/{id}/setup-link", { params: { path: { id } } })),
    onSuccess: invalidate
  })
}

export const useClearTotp = () => {
  const invalidate = useInvalidateUsers()
  return useMutation({
    mutationFn: (id: string) => ok(api.DELETE("/v1/users/{id}/mfa/totp", { params: { path: { id } } })),
    onSuccess: invalidate
  })
}

export const useEndSessions = () =>
  useMutation({
    mutationFn: (id: string) => ok(api.DELETE("/v1/users/{id}/sessions", { params: { path: { id } } }))
  })

const listRoles = () => ok(api.GET("/v1/roles"))
export type RoleRow = Awaited<ReturnType<typeof listRoles>>["items"][number]

/** The tenant's roles (forms offer the tenant roles). */
export const rolesQuery = queryOptions({
  queryKey: ["roles"] as const,
  queryFn: listRoles,
  staleTime: 60_000
})
