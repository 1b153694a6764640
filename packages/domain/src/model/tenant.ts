import { Schema } from "effect"
import { PasswordPolicy } from "../password/PasswordPolicy.ts"
import { TenantId } from "./ids.ts"

export const PresetName = Schema.Literals(["weevio", "wetrack", "weavestream", "puqcloud"])
export type PresetName = typeof PresetName.Type

/** A tenant's URL-safe handle, used at login. */
export const TenantSlug = Schema.String.check(
  Schema.isPattern(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/u, {
    message: "Expected lower-case letters, digits and dashes (1 to 63)"
  })
).pipe(Schema.brand("TenantSlug"))
export type TenantSlug = typeof TenantSlug.Type

export const TenantName = Schema.String.check(Schema.isTrimmed(), Schema.isBetweenLength(1, 200))

export const TenantSettings = Schema.Struct({
  /** Lifetime of a setup invitation, in hours. */
  invitationTtlHours: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 24 * 30 })),
  /** Whether users may reset a forgotten password by email; absent means on. */
  passwordReset: Schema.optionalKey(Schema.Boolean)
})
export type TenantSettings = typeof TenantSettings.Type

export const Tenant = Schema.Struct({
  id: TenantId,
  slug: TenantSlug,
  name: TenantName,
  preset: PresetName,
  passwordPolicy: PasswordPolicy,
  settings: TenantSettings,
  createdAt: Schema.Date,
  updatedAt: Schema.Date,
  version: Schema.Int
})
export type Tenant = typeof Tenant.Type
