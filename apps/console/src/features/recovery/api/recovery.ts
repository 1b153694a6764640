import { ok } from "@gatehouse/client"
import { useMutation } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"
import { useLinkTokenQuery } from "../../../lib/linkTokenQuery.ts"

/** `POST /v1/auth/password-reset`: 202 whether or not the account exists (the same answer for both). */
export const useRequestPasswordReset = () =>
  useMutation({
    mutationFn: (input: { readonly tenant: string; readonly email: string }) =>
      ok(api.POST("/v1/auth/password-reset", { body: input }))
  })

const start = (token: string) => ok(api.POST("/v1/auth/password-reset/start", { body: { token } }))

/** `POST /v1/auth/password-reset/start`: whose account, the tenant's words and policy (for the check-marks). */
export type PasswordResetStarted = Awaited<ReturnType<typeof start>>

/** Checks the reset link's token without using it up (see `useLinkTokenQuery`). */
export const usePasswordResetStart = (token: string | undefined) =>
  useLinkTokenQuery("password-reset", start, token)

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
