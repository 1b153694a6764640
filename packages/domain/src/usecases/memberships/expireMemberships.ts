import { Effect } from "effect"
import { now } from "../../model/newId.ts"
import { MembershipExpiries } from "../../ports/MembershipExpiries.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"

/**
 * The sweeper's step: records up to `limit` memberships whose `expiresAt` has passed, each in its own
 * transaction with its `membership.expired` audit event (and so its change event). A membership stops granting
 * at `expiresAt` whether or not this has run; of concurrent sweepers exactly one records each expiry. Answers
 * how many it recorded.
 */
export const expireMemberships = Effect.fn("expireMemberships")(function* (options: {
  readonly limit: number
}) {
  const expiries = yield* MembershipExpiries
  const due = yield* expiries.due(yield* now, options.limit)
  let recorded = 0
  for (const membership of due) {
    const first = yield* transactional(
      Effect.gen(function* () {
        if (!(yield* expiries.record(membership))) return false
        yield* audit(
          { tenantId: membership.tenantId, actorKind: "system", actorId: null },
          {
            action: "membership.expired",
            targetType: "user",
            targetId: membership.userId,
            details: {
              organizationId: membership.organizationId,
              role: membership.role,
              expiresAt: membership.expiresAt?.toISOString() ?? null
            }
          }
        )
        return true
      })
    )
    if (first) recorded++
  }
  return recorded
})
