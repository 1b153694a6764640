import { Effect } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import type { Actor } from "../../model/actor.ts"
import { authenticate } from "./ActorContext.ts"

/**
 * Who may read the groups and departments: `groups:manage`, or `users:read` (whoever lists users filters and
 * shows them by group and department). Answers the actor's context.
 */
export const authenticateCatalogueReader = Effect.fnUntraced(function* (actor: Actor) {
  const context = yield* authenticate(actor)
  if (!context.permissions.tenant.has("groups:manage") && !context.permissions.tenant.has("users:read")) {
    return yield* new Forbidden({ reason: "Missing permission groups:manage" })
  }
  return context
})
