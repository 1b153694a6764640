import { ok } from "@gatehouse/client"
import { useMutation, useQuery } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

/**
 * `POST /v1/me/mfa/totp`: a new pending secret, started once when the enrolment opens (a query, so a
 * re-render or React's strict double effects do not start a second one).
 */
export const useStartTotpEnrolment = (enabled: boolean) =>
  useQuery({
    queryKey: ["me", "totp-enrolment"],
    queryFn: () => ok(api.POST("/v1/me/mfa/totp")),
    enabled,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false
  })

/** `POST /v1/me/mfa/totp/confirm`: the recovery codes, once; every session of the user ends. */
export const useConfirmTotp = () =>
  useMutation({
    mutationFn: (code: string) => ok(api.POST("/v1/me/mfa/totp/confirm", { body: { code } }))
  })

/** Who asks for new recovery codes proves it with a current code from the app, or the password. */
export type RecoveryCodesProof = { readonly code: string } | { readonly currentPassword: string }

/** `POST /v1/me/mfa/totp/recovery-codes`: ten new codes, once; the old ones stop working; sessions stay. */
export const useNewRecoveryCodes = () =>
  useMutation({
    mutationFn: (proof: RecoveryCodesProof) => ok(api.POST("/v1/me/mfa/totp/recovery-codes", { body: proof }))
  })

/** `DELETE /v1/me/mfa/totp` with a current code or a recovery code: every session of the user ends. */
export const useDisableTotp = () =>
  useMutation({
    mutationFn: (code: string) => ok(api.DELETE("/v1/me/mfa/totp", { body: { code } }))
  })
