import { Effect, Option, Schema } from "effect"
import type { Actor } from "../../model/actor.ts"
import {
  ExternalCredentialRepository,
  type ExternalCredentialSettings,
  externalDefaultCredentialAad
} from "../../ports/ExternalCredentialRepository.ts"
import { OutboundCalls, OutboundUrlRefused } from "../../ports/OutboundCalls.ts"
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

export const PutExternalCredentialSettingsInput = Schema.Struct({
  /** Absent: unchanged; null: validation switched off. */
  verifyUrl: Schema.optionalKey(Schema.NullOr(VerifyUrl)),
  /** Absent: unchanged; null: the default mode ends and users' own credentials apply again. */
  defaultCredentials: Schema.optionalKey(
    Schema.NullOr(
      Schema.Struct({
        username: ExternalUsername,
        password: ExternalPassword
      })
    )
  )
})
export type PutExternalCredentialSettingsInput = typeof PutExternalCredentialSettingsInput.Type

/** The settings as `GET` returns them: the default password is write-only, only its presence shows. */
export interface ExternalCredentialSettingsView {
  readonly system: string
  readonly verifyUrl: string | null
  readonly defaultCredentials: { readonly username: string } | null
}

const toView = (
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
      return toView(
        system,
        yield* (yield* ExternalCredentialRepository).findSettings(context.tenant.id, system)
      )
    })
  )
})

/**
 * `PUT /v1/settings/external-credentials/{system}` (`settings:manage`): where credentials are validated, and the
 * tenant's shared default credentials. While defaults are set, users' own credentials are locked and features
 * use the defaults. The default password is sealed and never returned.
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
      yield* requireKnownSystem(context.tenant, system)
      const tenantId = context.tenant.id
      // Users' passwords are POSTed to the verify URL: it must pass the outbound rule (nothing saved otherwise).
      if (input.verifyUrl !== undefined && input.verifyUrl !== null) {
        yield* (yield* OutboundCalls)
          .check(input.verifyUrl)
          .pipe(Effect.mapError((refused) => new OutboundUrlRefused({ ...refused, path: "verifyUrl" })))
      }
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
        verifyUrl:
          input.verifyUrl !== undefined
            ? input.verifyUrl
            : Option.isSome(current)
              ? current.value.verifyUrl
              : null,
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
          // the URL itself may carry an API key in its query: only whether it changed is recorded
          verifyUrlChanged: input.verifyUrl !== undefined,
          defaultCredentials:
            input.defaultCredentials === undefined
              ? "unchanged"
              : input.defaultCredentials === null
                ? "cleared"
                : "set"
        }
      })
      return toView(system, Option.some(next))
    })
  )
})
