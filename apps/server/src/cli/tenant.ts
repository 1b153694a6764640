import { CreateTenantInput, createTenant, platformActor } from "@gatehouse/domain"
import { Console, Effect, Schema } from "effect"
import type { CliError } from "effect/cli"
import type { Env } from "../config.ts"
import { describeError } from "../describeError.ts"
import { printCredential } from "./credentials.ts"
import { userError, withServices } from "./store.ts"

/** The flags of `gatehouse tenant create`. */
export interface TenantCreateOptions {
  readonly slug: string
  readonly name: string
  readonly preset: string
  readonly adminEmail: string
  readonly adminFirstName: string
  readonly adminLastName: string
  readonly invite: boolean
}

/**
 * `gatehouse tenant create`: the platform operator's `createTenant` (as `POST /v1/tenants`), printing the first
 * admin's temporary password or setup link once.
 */
export const tenantCreate = (
  env: Env,
  options: TenantCreateOptions
): Effect.Effect<void, CliError.UserError> =>
  withServices(env, () =>
    Effect.gen(function* () {
      const input = yield* Schema.decodeUnknownEffect(CreateTenantInput)({
        slug: options.slug,
        name: options.name,
        preset: options.preset,
        admin: {
          email: options.adminEmail,
          firstName: options.adminFirstName,
          lastName: options.adminLastName
        },
        ...(options.invite ? { invite: true } : {})
      }).pipe(Effect.mapError((error) => userError(`Invalid tenant: ${error.message}`)))
      const created = yield* createTenant(platformActor, input).pipe(
        Effect.mapError((error) => userError(`Cannot create the tenant: ${describeError(error)}`))
      )
      yield* Console.log(
        `Tenant ${created.tenant.slug} created (id ${created.tenant.id}, preset ${created.tenant.preset}); admin ${created.admin.email}`
      )
      yield* printCredential(created.admin.email, created)
    })
  )
