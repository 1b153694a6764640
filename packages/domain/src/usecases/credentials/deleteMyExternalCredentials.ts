import { Effect, Option } from "effect"
import type { Actor } from "../../model/actor.ts"
import { ExternalCredentialRepository } from "../../ports/ExternalCredentialRepository.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { ownWritable } from "./putMyExternalCredentials.ts"

/**
 * Removes the actor's own credentials for an outside system (`DELETE /v1/me/external-credentials/{system}`):
 * only the owner, the user coming from the session (rule 2); as writable as `putMyExternalCredentials` (a full
 * session, a known system, `CredentialsLocked` while the tenant's default credentials are in force). Removing
 * nothing is no change: it answers false and writes no audit event. Audited as `external_credentials.deleted`
 * (the system and the status the credentials had, never the username nor the password).
 */
export const deleteMyExternalCredentials = Effect.fn("deleteMyExternalCredentials")(function* (
  actor: Actor,
  system: string
) {
  return yield* transactional(
    Effect.gen(function* () {
      const { context } = yield* ownWritable(actor, system)
      const repository = yield* ExternalCredentialRepository
      const stored = yield* repository.find(context.tenant.id, context.user.id, system)
      if (Option.isNone(stored)) return false
      yield* repository.delete(context.tenant.id, context.user.id, system)
      yield* auditBy(context, {
        action: "external_credentials.deleted",
        targetType: "user",
        targetId: context.user.id,
        details: { system, status: stored.value.status }
      })
      return true
    })
  )
})
