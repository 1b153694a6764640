import { ok } from "@gatehouse/client"
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

const fetchSessions = () => ok(api.GET("/v1/me/sessions"))

export type MySession = Awaited<ReturnType<typeof fetchSessions>>["items"][number]

/** `GET /v1/me/sessions`: where the caller is signed in; `current` marks this browser. */
export const mySessionsQuery = queryOptions({
  queryKey: ["me", "sessions"] as const,
  queryFn: fetchSessions
})

/** `DELETE /v1/me/sessions/{id}`: ends one of the caller's sessions (this browser's too). */
export const useRevokeSession = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (session: Pick<MySession, "id" | "current">) =>
      ok(api.DELETE("/v1/me/sessions/{sessionId}", { params: { path: { sessionId: session.id } } })),
    onSuccess: (_answer, session) => {
      if (!session.current) void queryClient.invalidateQueries({ queryKey: mySessionsQuery.queryKey })
    }
  })
}
