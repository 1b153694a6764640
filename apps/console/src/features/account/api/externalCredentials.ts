import { isProblem, ok } from "@gatehouse/client"
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

/** The features that need PIMS credentials, as `GET .../access?feature=` names them. */
export type CredentialFeature = "orders" | "dashboard"

/** `GET /v1/me/external-credentials/{system}`: presence, username, status, and the tenant-default lock. */
export const myCredentialsQuery = (system: string) =>
  queryOptions({
    queryKey: ["me", "external-credentials", system] as const,
    queryFn: () => ok(api.GET("/v1/me/external-credentials/{system}", { params: { path: { system } } }))
  })

/**
 * Whether `feature` can run for the caller (`GET .../access?feature=`): `granted`, or `required` when a 409
 * EXTERNAL_CREDENTIALS_REQUIRED says the caller must sign in to the system first.
 */
export const credentialAccessQuery = (system: string, feature: CredentialFeature) =>
  queryOptions({
    queryKey: ["me", "external-credentials", system, "access", feature] as const,
    queryFn: async (): Promise<"granted" | "required"> => {
      try {
        await ok(
          api.GET("/v1/me/external-credentials/{system}/access", {
            params: { path: { system }, query: { feature } }
          })
        )
        return "granted"
      } catch (error) {
        if (isProblem(error, "EXTERNAL_CREDENTIALS_REQUIRED")) return "required"
        throw error
      }
    }
  })

/** `DELETE /v1/me/external-credentials/{system}`: one's own login removed (no change when none is stored). */
export const useDeleteMyCredentials = (system: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      ok(api.DELETE("/v1/me/external-credentials/{system}", { params: { path: { system } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["me", "external-credentials", system] })
  })
}

/** `PUT /v1/me/external-credentials/{system}` with `validate`: stored `connected`, or nothing stored. */
export const usePutMyCredentials = (system: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { readonly username: string; readonly password: string }) =>
      ok(
        api.PUT("/v1/me/external-credentials/{system}", {
          params: { path: { system } },
          body: { ...input, validate: true }
        })
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["me", "external-credentials", system] })
  })
}
