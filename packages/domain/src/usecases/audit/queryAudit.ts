import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import { AuditLog } from "../../ports/AuditLog.ts"
import { type PageRequest, pageRequest } from "../organizations/validation.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"

export interface AuditEventQuery extends PageRequest {
  readonly actorId?: string | undefined
  readonly targetId?: string | undefined
  /** `<aggregate>.<fact>`, e.g. `membership.removed`. */
  readonly action?: string | undefined
}

/** The tenant's audit trail, newest first, filtered and paged. Needs `audit:read`; a bad cursor is `InvalidInput`. */
export const queryAudit = Effect.fn("queryAudit")(function* (actor: Actor, query: AuditEventQuery = {}) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "audit:read")
      const page = yield* pageRequest(query)
      return yield* (yield* AuditLog).query(context.tenant.id, {
        ...page,
        actorId: query.actorId,
        targetId: query.targetId,
        action: query.action
      })
    })
  )
})
