import { ok } from "@gatehouse/client"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

/**
 * `POST /v1/me/password`: every session of the user ends with it, this one too (the server clears the
 * cookie), so everything cached for the session is dropped and the person signs in again.
 */
export const useChangeOwnPassword = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { readonly currentPassword: string; readonly newPassword: string }) =>
      ok(api.POST("/v1/me/password", { body: input })),
    onSuccess: () => queryClient.clear()
  })
}
