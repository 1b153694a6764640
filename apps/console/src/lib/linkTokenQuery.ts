import { useQuery } from "@tanstack/react-query"

/**
 * Checks an emailed link's token without using it up (setup, password reset). The token never enters a URL the
 * server sees: it comes from the fragment and travels in the body; the query key holds no token, and nothing is
 * kept after the page (gcTime 0) or checked twice (no retry, no refetch).
 */
export const useLinkTokenQuery = <A>(
  link: string,
  check: (token: string) => Promise<A>,
  token: string | undefined
) =>
  useQuery({
    queryKey: [link, "start"],
    queryFn: () => check(token ?? ""),
    enabled: token !== undefined,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false
  })
