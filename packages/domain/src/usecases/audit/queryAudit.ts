import { Effect, Schema } from "effect"
import { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import { UserId } from "../../model/ids.ts"
import { isSingleLineText } from "../../model/text.ts"
import { AuditLog } from "../../ports/AuditLog.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
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

const FilterText = Schema.String.check(Schema.isMaxLength(200), isSingleLineText())

/**
 * The filters, as the store compares them: the actor is a user id (decoded here, so a non-UUID is InvalidInput
 * and never reaches the store), the target and action single-line text (no NUL reaches a SQL parameter).
 */
export const AuditFilter = Schema.Struct({
  actorId: Schema.optionalKey(UserId),
  targetId: Schema.optionalKey(FilterText),
  action: Schema.optionalKey(FilterText)
})

const definedOnly = (query: AuditEventQuery): Record<string, string> =>
  Object.fromEntries(
    (["actorId", "targetId", "action"] as const).flatMap((key) =>
      query[key] === undefined ? [] : [[key, query[key]]]
    )
  )

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
      const filter = yield* decodeInput(AuditFilter, definedOnly(query))
      const page = yield* pageRequest(query, "instant")
      const window = yield* timeWindow(query)
      return yield* (yield* AuditLog).query(context.tenant.id, {
        ...page,
        actorId: filter.actorId,
        targetId: filter.targetId,
        action: filter.action,
        ...window
      })
    })
  )
})
