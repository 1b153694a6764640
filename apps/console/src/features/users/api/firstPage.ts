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
 * The users route's loader: the first page starts loading with the page's code instead of after it has
 * rendered (and on hover, with the route's preload), and the page renders once, with its rows. The roles (the
 * role filter's choices) load alongside without holding the page. Errors are left to the page's own queries.
 */
export const prefetchFirstPage = async (queryClient: QueryClient): Promise<void> => {
  const me = queryClient.getQueryData(meQuery.queryKey)
  if (me === undefined || !can(me, "users:read")) return
  void queryClient.prefetchQuery(rolesQuery)
  await queryClient.prefetchQuery(usersQuery(firstPageQuery(me.tenant.preset)))
}
