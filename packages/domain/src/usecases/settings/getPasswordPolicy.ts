import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"

/**
 * The password policy of the actor's tenant. Any active user of the tenant may read it, also from a
 * `password_change` session: the forced-change screen shows the rules.
 */
export const getPasswordPolicy = Effect.fn("getPasswordPolicy")(function* (actor: Actor) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor, { allowScopes: ["full", "password_change"] })
      return context.tenant.passwordPolicy
    })
  )
})
