import { Effect } from "effect"
import { InvalidInput } from "../../errors/validation.ts"
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
  /** Events at or after this instant. */
  readonly from?: Date | undefined
  /** Events strictly before this instant; must be later than `from`. */
  readonly before?: Date | undefined
}

const isInstant = (date: Date | undefined): boolean => date === undefined || !Number.isNaN(date.getTime())

// A window that cannot hold an event is a client mistake, told as such (never a silent empty page).
const timeWindow = Effect.fnUntraced(function* (query: AuditEventQuery) {
  const errors: Array<{ readonly path: string; readonly message: string }> = []
  if (!isInstant(query.from)) errors.push({ path: "from", message: "Expected a valid date and time" })
  if (!isInstant(query.before)) errors.push({ path: "before", message: "Expected a valid date and time" })
  if (
    errors.length === 0 &&
    query.from !== undefined &&
    query.before !== undefined &&
    query.before.getTime() <= query.from.getTime()
  )
    errors.push({ path: "before", message: "Must be later than from" })
  if (errors.length > 0) return yield* new InvalidInput({ errors })
  return { from: query.from, before: query.before }
})

/** The tenant's audit trail, newest first, filtered and paged. Needs `audit:read`; a bad cursor or time window is
 * `InvalidInput`. */
export const queryAudit = Effect.fn("queryAudit")(function* (actor: Actor, query: AuditEventQuery = {}) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "audit:read")
      const page = yield* pageRequest(query)
      const window = yield* timeWindow(query)
      return yield* (yield* AuditLog).query(context.tenant.id, {
        ...page,
        actorId: query.actorId,
        targetId: query.targetId,
        action: query.action,
        ...window
      })
    })
  )
})
