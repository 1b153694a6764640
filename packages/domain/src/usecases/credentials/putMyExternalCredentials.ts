import { Effect, Option, Redacted, Schema } from "effect"
import type { Actor } from "../../model/actor.ts"
import { isSingleLineText } from "../../model/text.ts"
import {
  ExternalCredentialRepository,
  type ExternalCredentialStatus,
  externalCredentialAad
} from "../../ports/ExternalCredentialRepository.ts"
import { ExternalCredentialsVerifier } from "../../ports/ExternalCredentialsVerifier.ts"
import { SecretBox } from "../../ports/SecretBox.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import {
  CredentialsInvalid,
  CredentialsLocked,
  VerifierNotConfigured,
  VerifierUnavailable
} from "./errors.ts"
import { lockedMessage, requireKnownSystem } from "./system.ts"

/** A username as the outside system knows it: taken exactly as typed (never trimmed nor case-folded). */
export const ExternalUsername = Schema.String.check(Schema.isBetweenLength(1, 200), isSingleLineText())

const ExternalPasswordText = Schema.String.check(Schema.isBetweenLength(1, 1024), isSingleLineText())

/** A password for an outside system: kept sealed, sent as typed; one line (no control character). */
export const ExternalPassword = Schema.RedactedFromValue(ExternalPasswordText)

// Checked again in the use case: an embedding caller passes the decoded type, which no Schema has seen.
const OwnCredentialsText = Schema.Struct({ username: ExternalUsername, password: ExternalPasswordText })

export const PutExternalCredentialsInput = Schema.Struct({
  username: ExternalUsername,
  password: ExternalPassword,
  /** Ask the outside system first: stored as `connected` when it accepts, nothing stored otherwise. */
  validate: Schema.optionalKey(Schema.Boolean)
})
export type PutExternalCredentialsInput = typeof PutExternalCredentialsInput.Type

/** The actor may write their own credentials for `system` now: a full session, a known system, not locked. */
export const ownWritable = Effect.fnUntraced(function* (actor: Actor, system: string) {
  const context = yield* authenticate(actor)
  yield* requireKnownSystem(context.tenant, system)
  const settings = yield* (yield* ExternalCredentialRepository).findSettings(context.tenant.id, system)
  if (Option.isSome(settings) && settings.value.defaultCredentials !== null) {
    return yield* new CredentialsLocked({ system, message: lockedMessage(system) })
  }
  return { context, verifyUrl: Option.isSome(settings) ? settings.value.verifyUrl : null }
})

/**
 * Stores the actor's own credentials for an outside system (`PUT /v1/me/external-credentials/{system}`). Only
 * the owner writes them: the user comes from the session, never from input (rule 2). Without `validate` they
 * are stored as `saved`; with it the verifier is asked first: `valid` stores them `connected`, `invalid` fails
 * with `CredentialsInvalid`, `unavailable` with `VerifierUnavailable` and no verify URL with
 * `VerifierNotConfigured`, all storing
 * nothing and leaving earlier credentials as they were. The verifier's network call runs between two short
 * transactions, never inside one; the second re-checks the actor and the lock.
 */
export const putMyExternalCredentials = Effect.fn("putMyExternalCredentials")(function* (
  actor: Actor,
  system: string,
  input: PutExternalCredentialsInput
) {
  yield* decodeInput(OwnCredentialsText, {
    username: input.username,
    password: Redacted.value(input.password)
  })
  const { verifyUrl } = yield* transactional(ownWritable(actor, system))
  let status: ExternalCredentialStatus = "saved"
  if (input.validate === true) {
    if (verifyUrl === null) {
      return yield* new VerifierNotConfigured({ system })
    }
    const verdict = yield* (yield* ExternalCredentialsVerifier).verify({
      system,
      url: verifyUrl,
      username: input.username,
      password: input.password
    })
    if (verdict === "invalid") return yield* new CredentialsInvalid({ system })
    if (verdict === "unavailable") {
      return yield* new VerifierUnavailable({ system, reason: "The system did not answer" })
    }
    status = "connected"
  }
  return yield* transactional(
    Effect.gen(function* () {
      const { context } = yield* ownWritable(actor, system)
      const tenantId = context.tenant.id
      const userId = context.user.id
      const sealedPassword = yield* (yield* SecretBox).seal(
        input.password,
        externalCredentialAad(tenantId, userId, system)
      )
      yield* (yield* ExternalCredentialRepository).put({
        tenantId,
        userId,
        system,
        username: input.username,
        sealedPassword,
        status,
        updatedAt: context.now
      })
      yield* auditBy(context, {
        action: "external_credentials.saved",
        targetType: "user",
        targetId: userId,
        details: { system, status }
      })
      return { status }
    })
  )
})
