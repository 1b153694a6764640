import { Effect, type Redacted } from "effect"
import type { Actor } from "../../model/actor.ts"
import { checkPassword } from "../../password/checkPassword.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"

/**
 * Checks a candidate password against the actor's tenant policy, with the actor's own context words (email,
 * names, tenant name) and MFA state, and reports every rule (the live check-marks of a password form).
 * Allowed from a full or a `password_change` session. Writes nothing and logs no password.
 */
export const checkPasswordForActor = Effect.fn("checkPasswordForActor")(function* (
  actor: Actor,
  password: Redacted.Redacted<string>
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor, { allowScopes: ["full", "password_change"] })
      return yield* checkPassword(context.tenant.passwordPolicy, password, {
        email: context.user.email,
        firstName: context.user.firstName,
        lastName: context.user.lastName,
        tenantName: context.tenant.name,
        hasMfa: context.user.totpEnabled
      })
    })
  )
})
