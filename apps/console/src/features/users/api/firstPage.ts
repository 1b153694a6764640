import type { QueryClient } from "@tanstack/react-query"
import { can, meQuery } from "../../../lib/session.ts"
import { rolesQuery, type UserListQuery, usersQuery } from "./users.ts"

export const PAGE_SIZE = 50

/** The list the users page asks for when it opens: sorted by name, no filter, 002's Employees tab. */
export const firstPageQuery = (preset: string): UserListQuery => ({
  sort: "name",
  limit: PAGE_SIZE,
  ...(preset === "wetrack" ? { kind: "employee" } : {})
})

/**
 * The users route's loader: the first page and the roles (the role filter's choices) start loading with the
 * page's code instead of after the page has rendered (and on hover, with the route's preload). The route does not
 * wait for them: the page renders its frame while they load, then its rows. Errors are left to the page's own
 * queries. Answers the list's promise (for tests).
 */
export const prefetchFirstPage = (queryClient: QueryClient): Promise<void> => {
  const me = queryClient.getQueryData(meQuery.queryKey)
  if (me === undefined || !can(me, "users:read")) return Promise.resolve()
  void queryClient.prefetchQuery(rolesQuery)
  return queryClient.prefetchQuery(usersQuery(firstPageQuery(me.tenant.preset)))
}
