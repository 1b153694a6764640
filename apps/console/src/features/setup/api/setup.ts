import { ok } from "@gatehouse/client"
import { useMutation } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"
import { useLinkTokenQuery } from "../../../lib/linkTokenQuery.ts"

const start = (token: string) => ok(api.POST("/v1/setup/start", { body: { token } }))

/** `POST /v1/setup/start`: whose account the link is for, the tenant's policy, the TOTP to enrol. */
export type SetupStarted = Awaited<ReturnType<typeof start>>

/** Checks the setup link's token without using it up (see `useLinkTokenQuery`). */
export const useSetupStart = (token: string | undefined) => useLinkTokenQuery("setup", start, token)

export interface CompleteSetupInput {
  readonly token: string
  readonly displayName: string
  readonly password: string
  readonly totpCode?: string | undefined
}

/** `POST /v1/setup/complete`: the account becomes active; the recovery codes come back once. */
export const useCompleteSetup = () =>
  useMutation({
    mutationFn: ({ totpCode, ...input }: CompleteSetupInput) =>
      ok(api.POST("/v1/setup/complete", { body: totpCode === undefined ? input : { ...input, totpCode } }))
  })
