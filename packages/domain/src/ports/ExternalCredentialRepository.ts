import { Context, type Effect, type Option } from "effect"
import type { TenantId, UserId } from "../model/ids.ts"

/** `saved`: stored, not verified; `connected`: the outside system accepted them when they were saved. */
export type ExternalCredentialStatus = "saved" | "connected"

/** A user's own login to an outside system (e.g. PIMS). */
export interface ExternalCredential {
  readonly tenantId: TenantId
  readonly userId: UserId
  /** The outside system's key, e.g. "pims". */
  readonly system: string
  readonly username: string
  /** Sealed by the SecretBox with the associated data `externalCredentialAad(tenantId, userId, system)`. */
  readonly sealedPassword: string
  readonly status: ExternalCredentialStatus
  readonly updatedAt: Date
}

/** A tenant's settings for one outside system. */
export interface ExternalCredentialSettings {
  readonly tenantId: TenantId
  readonly system: string
  /** Where credentials are checked (the verifier POSTs them there); null: validation is not available. */
  readonly verifyUrl: string | null
  /**
   * Shared credentials every user of the tenant works with; while set, users' own credentials are locked.
   * The password is sealed with the associated data `externalDefaultCredentialAad(tenantId, system)`.
   */
  readonly defaultCredentials: { readonly username: string; readonly sealedPassword: string } | null
  readonly updatedAt: Date
}

/** The SecretBox associated data of a user's password: it binds the ciphertext to its row. */
export const externalCredentialAad = (tenantId: TenantId, userId: UserId, system: string): string =>
  `${tenantId}/${userId}/external-credentials/${system}`

/** The SecretBox associated data of a tenant's default password. */
export const externalDefaultCredentialAad = (tenantId: TenantId, system: string): string =>
  `${tenantId}/external-credentials-default/${system}`

/**
 * Users' credentials for outside systems and the tenant's settings per system.
 *
 * Guarantees: one credential per (tenant, user, system) and one settings row per (tenant, system): `put` and
 * `putSettings` insert or replace whole rows atomically; passwords are stored only sealed; deleting a user
 * removes their credentials (the adapter cascades); isolation: every method is keyed by tenant.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class ExternalCredentialRepository extends Context.Service<
  ExternalCredentialRepository,
  {
    readonly put: (credential: ExternalCredential) => Effect.Effect<void>
    readonly find: (
      tenantId: TenantId,
      userId: UserId,
      system: string
    ) => Effect.Effect<Option.Option<ExternalCredential>>
    readonly delete: (tenantId: TenantId, userId: UserId, system: string) => Effect.Effect<void>
    readonly putSettings: (settings: ExternalCredentialSettings) => Effect.Effect<void>
    readonly findSettings: (
      tenantId: TenantId,
      system: string
    ) => Effect.Effect<Option.Option<ExternalCredentialSettings>>
  }
>()("@gatehouse/domain/ExternalCredentialRepository") {}
