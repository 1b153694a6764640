import { ok } from "@gatehouse/client"
import { useMutation } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

/** `POST /v1/auth/password-reset`: 202 whether or not the account exists (the same answer for both). */
export const useRequestPasswordReset = () =>
  useMutation({
    mutationFn: (input: { readonly tenant: string; readonly email: string }) =>
      ok(api.POST("/v1/auth/password-reset", { body: input }))
  })

/** `POST /v1/auth/password-reset/complete`: the token from the link's fragment, in the body. */
export const useCompletePasswordReset = () =>
  useMutation({
    mutationFn: (input: { readonly token: string; readonly newPassword: string }) =>
      ok(api.POST("/v1/auth/password-reset/complete", { body: input }))
  })

/** `POST /v1/email-verification/complete`. */
export const useCompleteEmailVerification = () =>
  useMutation({
    mutationFn: (token: string) => ok(api.POST("/v1/email-verification/complete", { body: { token } }))
  })
