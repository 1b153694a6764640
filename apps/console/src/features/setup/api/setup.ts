import { ok } from "@gatehouse/client"
import { useMutation, useQuery } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

const start = (token: string) => ok(api.POST("/v1/setup/start", { body: { token } }))

/** `POST /v1/setup/start`: whose account the link is for, the tenant's policy, the TOTP to enrol. */
export type SetupStarted = Awaited<ReturnType<typeof start>>

/**
 * Checks the link's token without using it up. The token never enters a URL the server sees: it comes from
 * the fragment and travels in the body; the query key holds no token.
 */
export const useSetupStart = (token: string | undefined) =>
  useQuery({
    queryKey: ["setup", "start"],
    queryFn: () => start(token ?? ""),
    enabled: token !== undefined,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false
  })

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
