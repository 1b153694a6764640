import { ok, type paths } from "@gatehouse/client"
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"
import { passwordPolicyQuery } from "../../../lib/passwordPolicy.ts"

/** The external system whose default credentials the settings page keeps (000's PIMS). */
export const PIMS = "pims"

const fetchShopify = () => ok(api.GET("/v1/settings/shopify"))
const fetchPims = () =>
  ok(api.GET("/v1/settings/external-credentials/{system}", { params: { path: { system: PIMS } } }))
const fetchRecovery = () => ok(api.GET("/v1/settings/account-recovery"))

export type ShopifySettings = Awaited<ReturnType<typeof fetchShopify>>
export type ShopifySettingsInput =
  paths["/v1/settings/shopify"]["put"]["requestBody"]["content"]["application/json"]
export type PimsSettings = Awaited<ReturnType<typeof fetchPims>>
export type PasswordPolicyInput =
  paths["/v1/password-policy"]["put"]["requestBody"]["content"]["application/json"]

export const shopifySettingsQuery = queryOptions({
  queryKey: ["settings", "shopify"] as const,
  queryFn: fetchShopify
})
export const pimsSettingsQuery = queryOptions({ queryKey: ["settings", "pims"] as const, queryFn: fetchPims })
export const accountRecoveryQuery = queryOptions({
  queryKey: ["settings", "account-recovery"] as const,
  queryFn: fetchRecovery
})

/** `PUT /v1/password-policy`: a preset or rule values; the answer replaces the cached policy. */
export const useSavePasswordPolicy = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: PasswordPolicyInput) => ok(api.PUT("/v1/password-policy", { body })),
    onSuccess: (policy) => queryClient.setQueryData(passwordPolicyQuery.queryKey, policy)
  })
}

/** `PUT /v1/settings/shopify`: the token and the webhook secret are write only. */
export const useSaveShopify = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ShopifySettingsInput) => ok(api.PUT("/v1/settings/shopify", { body })),
    onSuccess: (settings) => queryClient.setQueryData(shopifySettingsQuery.queryKey, settings)
  })
}

/** `PUT /v1/settings/external-credentials/pims`: the default credentials only (the verify URL is the platform's). */
export const useSavePimsDefaults = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (defaultCredentials: { username: string; password: string } | null) =>
      ok(
        api.PUT("/v1/settings/external-credentials/{system}", {
          params: { path: { system: PIMS } },
          body: { defaultCredentials }
        })
      ),
    onSuccess: (settings) => queryClient.setQueryData(pimsSettingsQuery.queryKey, settings)
  })
}

/** `PUT /v1/settings/account-recovery`. */
export const useSaveAccountRecovery = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (passwordReset: boolean) =>
      ok(api.PUT("/v1/settings/account-recovery", { body: { passwordReset } })),
    onSuccess: (settings) => queryClient.setQueryData(accountRecoveryQuery.queryKey, settings)
  })
}
