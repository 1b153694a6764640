import { Effect } from "effect"
import { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import { TenantOverview } from "../../ports/TenantOverview.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"

export const DEFAULT_EXPIRY_WINDOW_DAYS = 14
const MAX_WINDOW_DAYS = 366
const MAX_LIMIT = 200

/**
 * Memberships of every organization that expire from now until `days` days ahead (default 14, 1 to 366),
 * soonest first: at most `limit` (default 50, 1 to 200) and the `total`. Needs `users:read`; a bad `days` or
 * `limit` is `InvalidInput`.
 */
export const listExpiringMemberships = Effect.fn("listExpiringMemberships")(function* (
  actor: Actor,
  query: { readonly days?: number | undefined; readonly limit?: number | undefined } = {}
) {
  const days = query.days ?? DEFAULT_EXPIRY_WINDOW_DAYS
  const limit = query.limit ?? 50
  const errors = [
    ...(Number.isInteger(days) && days >= 1 && days <= MAX_WINDOW_DAYS
      ? []
      : [{ path: "days", message: `Expected an integer between 1 and ${MAX_WINDOW_DAYS}` }]),
    ...(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT
      ? []
      : [{ path: "limit", message: `Expected an integer between 1 and ${MAX_LIMIT}` }])
  ]
  if (errors.length > 0) return yield* new InvalidInput({ errors })
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "users:read")
      const from = context.now
      const until = new Date(from.getTime() + days * 86_400_000)
      return yield* (yield* TenantOverview).expiringMemberships(context.tenant.id, { from, until, limit })
    })
  )
})
