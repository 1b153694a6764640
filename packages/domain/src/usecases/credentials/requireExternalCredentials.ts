import { Effect, Option, type Redacted } from "effect"
import type { Actor } from "../../model/actor.ts"
import {
  ExternalCredentialRepository,
  externalCredentialAad,
  externalDefaultCredentialAad
} from "../../ports/ExternalCredentialRepository.ts"
import { SecretBox } from "../../ports/SecretBox.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"
import { ExternalCredentialsRequired } from "./errors.ts"
import { type CredentialFeature, requiredReason, requireKnownSystem } from "./system.ts"

/** The credentials a feature works with: the tenant's defaults while set, else the user's own. */
export interface ExternalCredentialsInUse {
  readonly source: "tenantDefault" | "own"
  readonly username: string
  readonly password: Redacted.Redacted<string>
}

/**
 * Guard of a feature that calls an outside system on the user's behalf (Orders and SROs, the home dashboard):
 * returns the credentials to use, or fails with `ExternalCredentialsRequired` and the reason to show ("To access
 * Orders and SROs, sign in to PIMS."). The tenant's defaults win while set; the user's own count whether
 * `saved` or `connected` (a `saved` login has simply not been checked yet: the feature's own call tells).
 * A sealed password that does not open (its key was removed from the configuration) is a defect, not a
 * missing credential: it needs an operator, not the user.
 */
export const requireExternalCredentials = Effect.fn("requireExternalCredentials")(function* (
  actor: Actor,
  system: string,
  feature: CredentialFeature
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requireKnownSystem(context.tenant, system)
      const tenantId = context.tenant.id
      const repository = yield* ExternalCredentialRepository
      const box = yield* SecretBox
      const settings = yield* repository.findSettings(tenantId, system)
      if (Option.isSome(settings) && settings.value.defaultCredentials !== null) {
        const { username, sealedPassword } = settings.value.defaultCredentials
        const password = yield* Effect.orDie(
          box.open(sealedPassword, externalDefaultCredentialAad(tenantId, system))
        )
        const inUse: ExternalCredentialsInUse = { source: "tenantDefault", username, password }
        return inUse
      }
      const own = yield* repository.find(tenantId, context.user.id, system)
      if (Option.isNone(own)) {
        return yield* new ExternalCredentialsRequired({
          system,
          feature,
          reason: requiredReason(system, feature)
        })
      }
      const password = yield* Effect.orDie(
        box.open(own.value.sealedPassword, externalCredentialAad(tenantId, context.user.id, system))
      )
      const inUse: ExternalCredentialsInUse = { source: "own", username: own.value.username, password }
      return inUse
    })
  )
})
