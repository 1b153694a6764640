import { ok, type paths } from "@gatehouse/client"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"
import { usersKey } from "./users.ts"

export type BulkBody = paths["/v1/users/bulk"]["post"]["requestBody"]["content"]["application/json"]
const runBulk = (body: BulkBody) => ok(api.POST("/v1/users/bulk", { body }))
export type BulkResult = Awaited<ReturnType<typeof runBulk>>["results"][number]

/** `POST /v1/users/bulk`: one action for many users, with a result per user. */
export const useBulk = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: runBulk,
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey })
  })
}
