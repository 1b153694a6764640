import { QueryClient } from "@tanstack/react-query"
import { beforeEach, describe, expect, it, vi } from "vitest"
import { firstPageQuery, PAGE_SIZE, prefetchFirstPage } from "../src/features/users/api/firstPage.ts"
import { rolesQuery, usersQuery } from "../src/features/users/api/users.ts"
import { type Me, meQuery } from "../src/lib/session.ts"

const me = (preset: string, permissions: ReadonlyArray<string>) =>
  ({ permissions, tenant: { preset } }) as unknown as Me

// The API client keeps the fetch it was created with: the fake goes in before any import. It notes the paths asked.
const asked = vi.hoisted(() => {
  const paths: Array<string> = []
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    paths.push(`${url.pathname}${url.search}`)
    const body = url.pathname === "/v1/roles" ? { items: [] } : { items: [], total: 0, nextCursor: null }
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } })
  }
  return paths
})

/** A query client whose session is `who`. */
const clientFor = (who: Me | undefined) => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  if (who !== undefined) queryClient.setQueryData(meQuery.queryKey, who)
  return queryClient
}

describe("the users route loads the grid's first page with the page's code (issue 18's budget)", () => {
  beforeEach(() => {
    asked.length = 0
  })

  it("the first page: by name, 50 users, and 002's Employees tab", () => {
    expect(firstPageQuery("weevio")).toEqual({ sort: "name", limit: PAGE_SIZE })
    expect(firstPageQuery("wetrack")).toEqual({ sort: "name", limit: PAGE_SIZE, kind: "employee" })
  })

  it("a user admin: the first page is fetched and cached under the page's own key, the roles alongside", async () => {
    const queryClient = clientFor(me("wetrack", ["users:read"]))
    await prefetchFirstPage(queryClient)
    expect(queryClient.getQueryData(usersQuery(firstPageQuery("wetrack")).queryKey)).toEqual({
      items: [],
      total: 0,
      nextCursor: null
    })
    await vi.waitFor(() => expect(queryClient.getQueryData(rolesQuery.queryKey)).toEqual({ items: [] }))
    expect([...asked].sort()).toEqual(["/v1/roles", "/v1/users?sort=name&limit=50&kind=employee"].sort())
  })

  it("someone without users:read (who lands on their profile), or no session: nothing is fetched", async () => {
    for (const who of [me("weevio", []), undefined]) {
      const queryClient = clientFor(who)
      await prefetchFirstPage(queryClient)
      expect(asked).toEqual([])
      expect(queryClient.getQueryCache().findAll({ queryKey: ["users"] })).toEqual([])
    }
  })
})
