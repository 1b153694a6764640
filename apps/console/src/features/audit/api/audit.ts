import { ok, type paths } from "@gatehouse/client"
import { keepPreviousData, queryOptions } from "@tanstack/react-query"
import { api } from "../../../lib/api.ts"

export type AuditQuery = NonNullable<paths["/v1/audit-events"]["get"]["parameters"]["query"]>

const listEvents = (query: AuditQuery) => ok(api.GET("/v1/audit-events", { params: { query } }))

export type AuditPage = Awaited<ReturnType<typeof listEvents>>
export type AuditEvent = AuditPage["items"][number]

/** One page of the trail, newest first; the previous page stays on screen while the next one loads. */
export const auditEventsQuery = (query: AuditQuery) =>
  queryOptions({
    queryKey: ["audit-events", query] as const,
    queryFn: () => listEvents(query),
    placeholderData: keepPreviousData
  })
