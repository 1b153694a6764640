import { Effect, Option, Schema } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import { TenantNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import { now } from "../../model/newId.ts"
import { TenantSlug } from "../../model/tenant.ts"
import {
  ExternalCredentialRepository,
  type ExternalCredentialSettings
} from "../../ports/ExternalCredentialRepository.ts"
import { OutboundCalls, OutboundUrlRefused } from "../../ports/OutboundCalls.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import {
  type ExternalCredentialSettingsView,
  toSettingsView,
  VerifyUrl
} from "./externalCredentialSettings.ts"
import { requireKnownSystem } from "./system.ts"

/** `PUT /v1/tenants/{slug}/external-credentials/{system}`: null switches validation off. */
export const PutVerifyUrlInput = Schema.Struct({ verifyUrl: Schema.NullOr(VerifyUrl) })
export type PutVerifyUrlInput = typeof PutVerifyUrlInput.Type

const isSlug = Schema.is(TenantSlug)

/**
 * Sets where a tenant's users' credentials for an outside system are validated. Only the platform operator
 * (`Forbidden` for anyone else): users' passwords are POSTed there, and a tenant admin who could choose the URL
 * could read them, where DESIGN.md promises admins presence and status only. The URL obeys the outbound rule
 * (`OutboundUrlRefused` with `path: "verifyUrl"`, nothing saved); it is checked before the transaction (it
 * resolves a name) and again by the verifier at every call. The tenant's default credentials stay as they are.
 * An unknown slug is `TenantNotFound`, a system the tenant's preset keeps no credentials for
 * `ExternalSystemNotFound`. Audited as the platform's act, with only whether a URL was set (its query may hold
 * a key).
 */
export const setExternalCredentialsVerifyUrl = Effect.fn("setExternalCredentialsVerifyUrl")(function* (
  actor: Actor,
  slug: string,
  system: string,
  input: PutVerifyUrlInput
) {
  if (actor._tag !== "Platform") {
    return yield* new Forbidden({ reason: "Only the platform operator sets where credentials are verified" })
  }
  const data = yield* decodeInput(PutVerifyUrlInput, input)
  if (data.verifyUrl !== null) {
    yield* (yield* OutboundCalls)
      .check(data.verifyUrl)
      .pipe(Effect.mapError((refused) => new OutboundUrlRefused({ ...refused, path: "verifyUrl" })))
  }
  return yield* transactional(
    Effect.gen(function* () {
      const found = isSlug(slug) ? yield* (yield* TenantRepository).findBySlug(slug) : Option.none()
      if (Option.isNone(found)) return yield* new TenantNotFound({ tenant: slug })
      const tenant = found.value
      yield* requireKnownSystem(tenant, system)
      const repository = yield* ExternalCredentialRepository
      const current = yield* repository.findSettings(tenant.id, system)
      const next: ExternalCredentialSettings = {
        tenantId: tenant.id,
        system,
        verifyUrl: data.verifyUrl,
        defaultCredentials: Option.isSome(current) ? current.value.defaultCredentials : null,
        updatedAt: yield* now
      }
      yield* repository.putSettings(next)
      yield* audit(
        { tenantId: tenant.id, actorKind: "platform", actorId: null },
        {
          action: "external_credentials.settings_updated",
          targetType: "tenant",
          targetId: tenant.id,
          details: { system, verifyUrl: data.verifyUrl === null ? "cleared" : "set" }
        }
      )
      const view: ExternalCredentialSettingsView = toSettingsView(system, Option.some(next))
      return view
    })
  )
})
