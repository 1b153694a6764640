import { ok } from "@gatehouse/client"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"
import { meKey } from "../../../lib/session.ts"

export interface OwnProfilePatch {
  readonly firstName: string
  readonly lastName: string
  readonly phone: string | null
  readonly language: string | null
}

/**
 * `PATCH /v1/me` with `If-Match` on the version the form was filled from: an edit made meanwhile elsewhere
 * (another tab, an admin) is a 412 VERSION_CONFLICT, never overwritten.
 */
export const useUpdateOwnProfile = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ version, patch }: { readonly version: number; readonly patch: OwnProfilePatch }) =>
      ok(api.PATCH("/v1/me", { params: { header: { "if-match": `W/"${version}"` } }, body: patch })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey })
  })
}

/** `POST /v1/me/email-verification`: a link to /verify-email goes to the caller's address. */
export const useRequestEmailVerification = () =>
  useMutation({ mutationFn: () => ok(api.POST("/v1/me/email-verification")) })
