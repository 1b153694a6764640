import { isProblem } from "@gatehouse/client"
import { type QueryClient, useQueryClient } from "@tanstack/react-query"
import { useEffect } from "react"
import { meKey } from "../../lib/session.ts"

/** Whether a cache event is an answer saying the session has ended (revoked elsewhere, expired, ...). */
const endedBy = (error: unknown): boolean => isProblem(error, "UNAUTHENTICATED")

/**
 * Watches every query and mutation of the signed-in frame: the first 401 UNAUTHENTICATED (the session was
 * signed out from another browser, ended by a password change elsewhere, or expired) drops everything cached
 * for it and calls `onEnded` once. Nothing happens once the cache was already cleared (a sign-out of ours).
 */
export const useSessionEnd = (onEnded: () => void): void => {
  const queryClient = useQueryClient()
  useEffect(() => {
    const check = (client: QueryClient, error: unknown) => {
      if (!endedBy(error) || client.getQueryData(meKey) === undefined) return
      client.clear()
      onEnded()
    }
    const queries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") check(queryClient, event.action.error)
    })
    const mutations = queryClient.getMutationCache().subscribe((event) => {
      if (event?.type === "updated" && event.action.type === "error") check(queryClient, event.action.error)
    })
    return () => {
      queries()
      mutations()
    }
  }, [queryClient, onEnded])
}
