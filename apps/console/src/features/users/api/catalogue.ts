import { ok } from "@gatehouse/client"
import { queryOptions } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

/** Departments and groups by id, for the grid's names. */
export const departmentsQuery = queryOptions({
  queryKey: ["departments"] as const,
  queryFn: () => ok(api.GET("/v1/departments")),
  staleTime: 60_000
})

export const groupsQuery = queryOptions({
  queryKey: ["groups"] as const,
  queryFn: () => ok(api.GET("/v1/groups")),
  staleTime: 60_000
})

export const catalogueNames = (
  items: ReadonlyArray<{ readonly id: string; readonly name: string }> | undefined
): Readonly<Record<string, string>> => Object.fromEntries((items ?? []).map((item) => [item.id, item.name]))
