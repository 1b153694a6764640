import { Effect, Option, Schema } from "effect"
import { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import {
  ExternalCredentialRepository,
  type ExternalCredentialSettings,
  externalDefaultCredentialAad
} from "../../ports/ExternalCredentialRepository.ts"
import { SecretBox } from "../../ports/SecretBox.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { ExternalPassword, ExternalUsername } from "./putMyExternalCredentials.ts"
import { requireKnownSystem } from "./system.ts"

const isHttpUrl = (value: string): boolean => {
  if (!URL.canParse(value)) return false
  const url = new URL(value)
  return (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === ""
}

/** An absolute http(s) URL without embedded credentials. */
export const VerifyUrl = Schema.String.check(
  Schema.isMaxLength(2000),
  Schema.makeFilter(isHttpUrl, { message: "Expected an http(s) URL without credentials" })
)

/**
 * `PUT /v1/settings/external-credentials/{system}` (a tenant admin): the shared default credentials only. The
 * verify URL is not here: users' passwords are POSTed to it, so a tenant admin who chose it could read them;
 * the platform operator sets it (`setExternalCredentialsVerifyUrl`), and a `verifyUrl` key is refused.
 */
export const PutExternalCredentialSettingsInput = Schema.Struct({
  /** Absent: unchanged; null: the default mode ends and users' own credentials apply again. */
  defaultCredentials: Schema.optionalKey(
    Schema.NullOr(Schema.Struct({ username: ExternalUsername, password: ExternalPassword }))
  )
})
export type PutExternalCredentialSettingsInput = typeof PutExternalCredentialSettingsInput.Type

const refuseExcessKeys = (input: object): Effect.Effect<void, InvalidInput> => {
  const excess = Object.keys(input).filter((key) => key !== "defaultCredentials")
  return excess.length === 0
    ? Effect.void
    : Effect.fail(
        new InvalidInput({
          errors: excess.map((path) => ({
            path,
            message:
              path === "verifyUrl"
                ? "The verify URL is set by the platform operator, not by a tenant admin"
                : "Expected no excess property"
          }))
        })
      )
}

/** The settings as `GET` returns them: the default password is write-only, only its presence shows. */
export interface ExternalCredentialSettingsView {
  readonly system: string
  readonly verifyUrl: string | null
  readonly defaultCredentials: { readonly username: string } | null
}

/** A settings row as the routes answer it: the default password only as its presence (the username). */
export const toSettingsView = (
  system: string,
  settings: Option.Option<ExternalCredentialSettings>
): ExternalCredentialSettingsView =>
  Option.match(settings, {
    onNone: () => ({ system, verifyUrl: null, defaultCredentials: null }),
    onSome: (s) => ({
      system,
      verifyUrl: s.verifyUrl,
      defaultCredentials: s.defaultCredentials === null ? null : { username: s.defaultCredentials.username }
    })
  })

/** `GET /v1/settings/external-credentials/{system}` (`settings:manage`). */
export const getExternalCredentialSettings = Effect.fn("getExternalCredentialSettings")(function* (
  actor: Actor,
  system: string
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "settings:manage")
      yield* requireKnownSystem(context.tenant, system)
      return toSettingsView(
        system,
        yield* (yield* ExternalCredentialRepository).findSettings(context.tenant.id, system)
      )
    })
  )
})

/**
 * `PUT /v1/settings/external-credentials/{system}` (`settings:manage`): the tenant's shared default
 * credentials. While defaults are set, users' own credentials are locked and features use the defaults. The
 * default password is sealed and never returned. Any key but `defaultCredentials` (a `verifyUrl` above all:
 * the platform operator's) is `InvalidInput`, also for an embedding caller.
 */
export const putExternalCredentialSettings = Effect.fn("putExternalCredentialSettings")(function* (
  actor: Actor,
  system: string,
  input: PutExternalCredentialSettingsInput
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "settings:manage")
      yield* refuseExcessKeys(input)
      yield* requireKnownSystem(context.tenant, system)
      const tenantId = context.tenant.id
      const repository = yield* ExternalCredentialRepository
      const current = yield* repository.findSettings(tenantId, system)
      let defaultCredentials = Option.isSome(current) ? current.value.defaultCredentials : null
      if (input.defaultCredentials === null) defaultCredentials = null
      else if (input.defaultCredentials !== undefined) {
        defaultCredentials = {
          username: input.defaultCredentials.username,
          sealedPassword: yield* (yield* SecretBox).seal(
            input.defaultCredentials.password,
            externalDefaultCredentialAad(tenantId, system)
          )
        }
      }
      const next: ExternalCredentialSettings = {
        tenantId,
        system,
        verifyUrl: Option.isSome(current) ? current.value.verifyUrl : null,
        defaultCredentials,
        updatedAt: context.now
      }
      yield* repository.putSettings(next)
      yield* auditBy(context, {
        action: "external_credentials.settings_updated",
        targetType: "tenant",
        targetId: tenantId,
        details: {
          system,
          defaultCredentials:
            input.defaultCredentials === undefined
              ? "unchanged"
              : input.defaultCredentials === null
                ? "cleared"
                : "set"
        }
      })
      return toSettingsView(system, Option.some(next))
    })
  )
})
