import { Database } from "@gatehouse/adapters-postgres"
import {
  bootstrapTenant,
  createTenant,
  type Email,
  FirstAdminInput,
  platformActor,
  type Tenant,
  TenantRepository
} from "@gatehouse/domain"
import { Effect, Option, type Redacted, Schema } from "effect"
import { type BootstrapConfig, DEMO_SLUG } from "./config.ts"
import { describeError } from "./describeError.ts"
import type { ServerServices } from "./layers.ts"

/** What the first-start step did. Passwords are in here only when generated, to be printed once. */
export type FirstStart =
  /** The store already had tenants (or the scripted tenant exists): nothing was written. */
  | { readonly _tag: "Nothing"; readonly slug?: string }
  /** An empty store without `GATEHOUSE_BOOTSTRAP_*`: the demo tenant. */
  | {
      readonly _tag: "Demo"
      readonly tenant: Tenant
      readonly email: Email
      readonly password: Redacted.Redacted<string>
    }
  /** `GATEHOUSE_BOOTSTRAP_*`: the scripted tenant; `password` when none was configured (generated, forced change). */
  | {
      readonly _tag: "Bootstrapped"
      readonly tenant: Tenant
      readonly email: Email
      readonly password: Redacted.Redacted<string> | undefined
    }

/** The first start could not do its work; the message names the variable to fix when there is one. */
export class FirstStartFailed extends Schema.TaggedError<FirstStartFailed>()("FirstStartFailed", {
  message: Schema.String
}) {}

/** The demo tenant's first admin (fixed, so the README can show it). */
export const DEMO_ADMIN = { email: "admin@example.com", firstName: "Demo", lastName: "Admin" } as const

const storeIsEmpty = Effect.gen(function* () {
  const rows = yield* (yield* Database).query<{ present: boolean }>(
    null,
    "SELECT EXISTS (SELECT 1 FROM tenants) AS present"
  )
  return rows[0]?.present !== true
})

// A policy failure is the operator's password; anything else, the scripted tenant as a whole.
const scriptedFailure = (bootstrap: BootstrapConfig, error: { readonly _tag: string }): string =>
  error._tag === "PasswordPolicyViolation"
    ? `GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: ${describeError(error)}`
    : `GATEHOUSE_BOOTSTRAP_TENANT: bootstrapping "${bootstrap.slug}" failed: ${describeError(error)}`

const scripted = (bootstrap: BootstrapConfig): Effect.Effect<FirstStart, FirstStartFailed, ServerServices> =>
  Effect.gen(function* () {
    const admin = {
      email: bootstrap.adminEmail,
      firstName: bootstrap.adminFirstName,
      lastName: bootstrap.adminLastName
    }
    const spec = { slug: bootstrap.slug, name: bootstrap.name, preset: bootstrap.preset }
    if (bootstrap.adminPassword !== undefined) {
      const outcome = yield* bootstrapTenant(platformActor, {
        ...spec,
        admin: { ...admin, password: bootstrap.adminPassword }
      }).pipe(
        Effect.mapError((error) => new FirstStartFailed({ message: scriptedFailure(bootstrap, error) }))
      )
      return outcome.created
        ? ({
            _tag: "Bootstrapped",
            tenant: outcome.tenant,
            email: outcome.admin.email,
            password: undefined
          } as const)
        : ({ _tag: "Nothing", slug: outcome.tenant.slug } as const)
    }
    // Without a password: a generated one, printed once, changed at first login.
    if (Option.isSome(yield* (yield* TenantRepository).findBySlug(bootstrap.slug))) {
      return { _tag: "Nothing", slug: bootstrap.slug } as const
    }
    return yield* createTenant(platformActor, { ...spec, admin }).pipe(
      Effect.map(
        (created): FirstStart => ({
          _tag: "Bootstrapped",
          tenant: created.tenant,
          email: created.admin.email,
          password: created.generatedPassword
        })
      ),
      // Another node created it meanwhile.
      Effect.catchTag("SlugTaken", () =>
        Effect.succeed<FirstStart>({ _tag: "Nothing", slug: bootstrap.slug })
      ),
      Effect.mapError((error) => new FirstStartFailed({ message: scriptedFailure(bootstrap, error) }))
    )
  })

const demo: Effect.Effect<FirstStart, FirstStartFailed, ServerServices> = Effect.gen(function* () {
  if (!(yield* storeIsEmpty)) return { _tag: "Nothing" } as const
  return yield* createTenant(platformActor, {
    slug: DEMO_SLUG,
    name: "Demo",
    preset: "weevio",
    admin: Schema.decodeSync(FirstAdminInput)(DEMO_ADMIN)
  }).pipe(
    Effect.flatMap((created) =>
      created.generatedPassword === undefined
        ? Effect.die(new Error("createTenant returned no generated password"))
        : Effect.succeed<FirstStart>({
            _tag: "Demo",
            tenant: created.tenant,
            email: created.admin.email,
            password: created.generatedPassword
          })
    ),
    Effect.catchTag("SlugTaken", () => Effect.succeed<FirstStart>({ _tag: "Nothing" })),
    Effect.mapError(
      (error) => new FirstStartFailed({ message: `Creating the demo tenant failed: ${describeError(error)}` })
    )
  )
})

/**
 * The first start: with `GATEHOUSE_BOOTSTRAP_*`, the scripted tenant (nothing when it exists, and never the
 * demo); otherwise, on an empty store only, the demo tenant (preset weevio) with a generated admin password.
 * Safe to run on every start and on several nodes at once.
 */
export const firstStart = (
  bootstrap: BootstrapConfig | undefined
): Effect.Effect<FirstStart, FirstStartFailed, ServerServices> =>
  bootstrap === undefined ? demo : scripted(bootstrap)
