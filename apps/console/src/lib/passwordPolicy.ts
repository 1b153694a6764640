import { ok } from "@gatehouse/client"
import { queryOptions } from "@tanstack/react-query"
import { api } from "./api.ts"

const fetchPolicy = () => ok(api.GET("/v1/password-policy"))

/** The tenant's password policy as `GET /v1/password-policy` answers it. */
export type PasswordPolicyAnswer = Awaited<ReturnType<typeof fetchPolicy>>

/** The signed-in tenant's password policy (full and password_change sessions may read it). */
export const passwordPolicyQuery = queryOptions({
  queryKey: ["password-policy"] as const,
  queryFn: fetchPolicy,
  staleTime: 5 * 60_000
})
