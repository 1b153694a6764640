import { Effect, Option, Redacted, Schema } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import type { Actor } from "../../model/actor.ts"
import { Email } from "../../model/email.ts"
import { now } from "../../model/newId.ts"
import { PlainPassword } from "../../model/password.ts"
import { PresetName, type Tenant, TenantName, TenantSlug } from "../../model/tenant.ts"
import { PersonName, type User } from "../../model/user.ts"
import { enforcePassword } from "../../password/checkPassword.ts"
import { PasswordHasher } from "../../ports/PasswordHasher.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { presets } from "../../presets/index.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { transactional } from "../shared/transaction.ts"
import { provisionTenant } from "./provisionTenant.ts"

export const BootstrapTenantInput = Schema.Struct({
  slug: TenantSlug,
  name: TenantName,
  preset: PresetName,
  admin: Schema.Struct({
    email: Email,
    firstName: PersonName,
    lastName: PersonName,
    /** Chosen by the operator (`GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD`); checked against the preset's policy. */
    password: PlainPassword
  })
})
export type BootstrapTenantInput = typeof BootstrapTenantInput.Type

/** `created: false` when the tenant already existed: nothing was written. */
export type BootstrappedTenant =
  | { readonly created: true; readonly tenant: Tenant; readonly admin: User }
  | { readonly created: false; readonly tenant: Tenant }

/**
 * The server's scripted first start: creates the tenant and an ACTIVE admin with the operator-chosen password
 * (policy-checked, no forced change: the operator chose it). Idempotent: when the slug exists it returns the
 * existing tenant and writes nothing, also when two nodes start at once (the store's `SlugTaken` decides).
 */
export const bootstrapTenant = Effect.fn("bootstrapTenant")(function* (
  actor: Actor,
  input: BootstrapTenantInput
) {
  if (actor._tag !== "Platform") {
    return yield* new Forbidden({ reason: "Only the platform operator bootstraps tenants" })
  }
  // The password travels as a value through the Schema (its encoded side) and comes back Redacted.
  const data = yield* decodeInput(BootstrapTenantInput, {
    ...input,
    admin: { ...input.admin, password: Redacted.value(input.admin.password) }
  })
  const tenants = yield* TenantRepository
  const existing = yield* tenants.findBySlug(data.slug)
  if (Option.isSome(existing)) return { created: false, tenant: existing.value } as BootstrappedTenant
  yield* enforcePassword(presets[data.preset].passwordPolicy, data.admin.password, {
    email: data.admin.email,
    firstName: data.admin.firstName,
    lastName: data.admin.lastName,
    tenantName: data.name
  })
  const passwordHash = yield* (yield* PasswordHasher).hash(data.admin.password)
  const outcome = yield* transactional(
    Effect.gen(function* () {
      return yield* provisionTenant(
        data,
        {
          email: data.admin.email,
          firstName: data.admin.firstName,
          lastName: data.admin.lastName,
          status: "active",
          passwordHash,
          mustChangePassword: false
        },
        yield* now
      )
    })
  ).pipe(
    Effect.map(({ tenant, admin }): BootstrappedTenant => ({ created: true, tenant, admin })),
    // Another node created it between our read and our insert: that tenant is the result.
    Effect.catchTag("SlugTaken", () =>
      tenants.findBySlug(data.slug).pipe(
        Effect.flatMap(
          Option.match({
            onNone: () => Effect.die(new Error("bootstrapTenant: slug taken but tenant not found")),
            onSome: (tenant): Effect.Effect<BootstrappedTenant> => Effect.succeed({ created: false, tenant })
          })
        )
      )
    )
  )
  return outcome
})
