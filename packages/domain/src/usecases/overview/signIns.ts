import { Effect } from "effect"
import { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import { type SignInDay, TenantOverview } from "../../ports/TenantOverview.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"

export const DEFAULT_SIGN_IN_DAYS = 30
export const MAX_SIGN_IN_DAYS = 90

/**
 * Successful sign-ins per UTC day over the last `days` days (default 30, 1 to 90), today included, oldest
 * first. Needs `audit:read` (sign-ins are audit events); a bad `days` is `InvalidInput`.
 */
export const getSignInsPerDay = Effect.fn("getSignInsPerDay")(function* (
  actor: Actor,
  query: { readonly days?: number | undefined } = {}
) {
  const days = query.days ?? DEFAULT_SIGN_IN_DAYS
  if (!Number.isInteger(days) || days < 1 || days > MAX_SIGN_IN_DAYS)
    return yield* new InvalidInput({
      errors: [{ path: "days", message: `Expected an integer between 1 and ${MAX_SIGN_IN_DAYS}` }]
    })
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "audit:read")
      const perDay = yield* (yield* TenantOverview).signInsPerDay(context.tenant.id, {
        today: context.now,
        days
      })
      return { days: perDay } satisfies { readonly days: ReadonlyArray<SignInDay> }
    })
  )
})
