import {
  CreateUserInput,
  createUser,
  Email,
  presets,
  type Tenant,
  TenantRepository,
  TenantSlug,
  type User,
  UserRepository,
  userActor
} from "@gatehouse/domain"
import { Console, Effect, Option, Schema } from "effect"
import type { CliError } from "effect/cli"
import type { Env } from "../config.ts"
import { describeError } from "../describeError.ts"
import { printCredential } from "./credentials.ts"
import { userError, withServices } from "./store.ts"

/** The flags of `gatehouse user create`. */
export interface UserCreateOptions {
  readonly tenant: string
  readonly email: string
  readonly firstName: string
  readonly lastName: string
  readonly role: string
  readonly invite: boolean
  /** The admin the command acts as; default: the tenant's first active holder of its preset's admin role. */
  readonly as: Option.Option<string>
}

const decode = <A>(schema: Schema.Codec<A, string>, value: string, flag: string) =>
  Schema.decodeUnknownEffect(schema)(value).pipe(Effect.mapError(() => userError(`${flag}: invalid value`)))

/**
 * The acting admin. The domain lets only users create users (the platform creates tenants), so the command
 * acts as an admin of the tenant, and every rule applies as if they had: the role given must be one they
 * hold the permissions of (rule 4), and the audit trail names them.
 */
const actingAdmin = (tenant: Tenant, as: Option.Option<string>) =>
  Effect.gen(function* () {
    const users = yield* UserRepository
    if (Option.isSome(as)) {
      const email = yield* decode(Email, as.value, "--as")
      const found = yield* users.findByEmail(tenant.id, email)
      if (Option.isNone(found)) return yield* userError(`--as: no user ${email} in tenant ${tenant.slug}`)
      return found.value
    }
    const page = yield* users.list(tenant.id, {
      role: presets[tenant.preset].adminRole as User["role"],
      status: "active",
      sort: "created",
      limit: 1
    })
    const first = page.items[0]
    if (first === undefined)
      return yield* userError(`Tenant ${tenant.slug} has no active admin to act as: pass --as`)
    return first
  })

/** `gatehouse user create`: `createUser` as an admin of the tenant, printing the credential once. */
export const userCreate = (env: Env, options: UserCreateOptions): Effect.Effect<void, CliError.UserError> =>
  withServices(env, () =>
    Effect.gen(function* () {
      const slug = yield* decode(TenantSlug, options.tenant, "--tenant")
      const tenant = yield* (yield* TenantRepository).findBySlug(slug)
      if (Option.isNone(tenant)) return yield* userError(`--tenant: no tenant ${slug}`)
      const admin = yield* actingAdmin(tenant.value, options.as)
      const input = yield* Schema.decodeUnknownEffect(CreateUserInput)({
        email: options.email,
        firstName: options.firstName,
        lastName: options.lastName,
        role: options.role,
        credential: { _tag: options.invite ? "Invite" : "Generate" }
      }).pipe(Effect.mapError((error) => userError(`Invalid user: ${error.message}`)))
      const created = yield* createUser(userActor(tenant.value.id, admin.id), input).pipe(
        Effect.mapError((error) => userError(`Cannot create the user: ${describeError(error)}`))
      )
      yield* Console.log(
        `User ${created.user.email} created in ${slug} (id ${created.user.id}, role ${created.user.role}, status ${created.user.status}) by ${admin.email}`
      )
      yield* printCredential(created.user.email, created)
    })
  )
