import { useQueries } from "@tanstack/react-query"
import { userQuery } from "./users.ts"

/**
 * 004's Clients counter: how many organizations each user of the page belongs to, from each user's details
 * (their memberships). Only the puqcloud grid asks (a page of at most 50).
 */
export const useClientCounts = (ids: ReadonlyArray<string>): Readonly<Record<string, number>> => {
  const results = useQueries({ queries: ids.map((id) => ({ ...userQuery(id), staleTime: 30_000 })) })
  const counts: Record<string, number> = {}
  results.forEach((result, i) => {
    const id = ids[i]
    if (id !== undefined && result.data !== undefined) counts[id] = result.data.memberships.length
  })
  return counts
}
