import { AuditEvent, queryAudit } from "@gatehouse/domain"
import type { FastifyInstance } from "fastify"
import { AuditQueryParams } from "../schema/requests.ts"
import { page } from "../schema/responses.ts"
import { type RouteDeps, registerRoute } from "./route.ts"

/** `/v1/audit-events`: the tenant's trail, newest first (audit:read). */
export const auditRoutes = (app: FastifyInstance, deps: RouteDeps): void => {
  registerRoute(app, deps, {
    method: "GET",
    url: "/v1/audit-events",
    tag: "audit",
    summary: "The audit trail, newest first",
    description:
      "Filter by `actor` (a user id), `target` (any id), `action` (e.g. user.created) and a time window: `from` " +
      "(inclusive) and `before` (exclusive), ISO 8601 date-times. Needs audit:read.",
    auth: "session",
    sharedTransaction: true,
    query: AuditQueryParams,
    response: page(AuditEvent),
    handle: ({ actor, query }) => {
      const { actor: actorId, target: targetId, ...rest } = query
      return queryAudit(actor, {
        ...rest,
        ...(actorId === undefined ? {} : { actorId }),
        ...(targetId === undefined ? {} : { targetId })
      })
    }
  })
}
