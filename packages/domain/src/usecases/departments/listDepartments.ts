import { Effect } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import type { Actor } from "../../model/actor.ts"
import { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"

/**
 * The tenant's departments by name. Needs `groups:manage`, or `users:read` (whoever lists users filters and
 * shows them by department).
 */
export const listDepartments = Effect.fn("listDepartments")(function* (actor: Actor) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      if (!context.permissions.tenant.has("groups:manage") && !context.permissions.tenant.has("users:read")) {
        return yield* new Forbidden({ reason: "Missing permission groups:manage" })
      }
      return yield* (yield* DepartmentRepository).list(context.tenant.id)
    })
  )
})
