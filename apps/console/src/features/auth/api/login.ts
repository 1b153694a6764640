import { ok } from "@gatehouse/client"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"
import { meKey } from "../../../lib/session.ts"

export interface LoginInput {
  readonly tenant: string
  readonly email: string
  readonly password: string
  /** The TOTP code or a recovery code, on the second step. */
  readonly totp?: string | undefined
}

/** `POST /v1/auth/login`: the server sets the session cookie; the console never sees or keeps the token. */
export const useLogin = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ totp, ...input }: LoginInput) => {
      const answer = await ok(
        api.POST("/v1/auth/login", { body: totp === undefined ? input : { ...input, totp } })
      )
      return answer.session
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey })
  })
}
