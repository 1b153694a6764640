import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import { RoleRepository } from "../../ports/RoleRepository.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"

/**
 * The tenant's role catalogue, tenant roles first, then organization roles. Any user of the tenant with a
 * full session may read it (role names and permissions are not secrets; forms need them).
 */
export const listRoles = Effect.fn("listRoles")(function* (actor: Actor) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      return yield* (yield* RoleRepository).list(context.tenant.id)
    })
  )
})
