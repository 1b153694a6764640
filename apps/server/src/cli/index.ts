import { PresetName } from "@gatehouse/domain"
import type { Effect } from "effect"
import { type CliError, Command, Flag } from "effect/cli"
import type { Env } from "../config.ts"
import { migrateOnly, serve } from "./serve.ts"
import { tenantCreate } from "./tenant.ts"
import { userCreate } from "./user.ts"

const text = (name: string, description: string) => Flag.String(name).pipe(Flag.withDescription(description))

/**
 * The `gatehouse` command line: `serve` (also what a bare `gatehouse` does), `migrate`, `tenant create` and
 * `user create`. Configuration comes from `env` (the same variables as the server), arguments from Stdio.
 */
export const gatehouseCli = (env: Env) => {
  const serveCommand = Command.make("serve", {}, () => serve(env)).pipe(
    Command.withDescription("Run the HTTP server (the default command)")
  )
  const migrateCommand = Command.make("migrate", {}, () => migrateOnly(env)).pipe(
    Command.withDescription("Bring the database schema up to date, then exit")
  )
  const tenantCreateCommand = Command.make(
    "create",
    {
      slug: text("slug", "The tenant's handle, used at login (lower-case letters, digits, dashes)"),
      name: text("name", "The tenant's display name"),
      preset: Flag.Literals("preset", PresetName.literals).pipe(
        Flag.withDescription("Roles, password policy and behaviour"),
        Flag.withDefault("weevio")
      ),
      adminEmail: text("admin-email", "The first admin's email"),
      adminFirstName: text("admin-first-name", "The first admin's first name"),
      adminLastName: text("admin-last-name", "The first admin's last name"),
      invite: Flag.Boolean("invite").pipe(
        Flag.withDescription("Send a setup link instead of printing a temporary password"),
        Flag.withDefault(false)
      )
    },
    (options) => tenantCreate(env, options)
  ).pipe(Command.withDescription("Create a tenant from a preset, with its first admin"))
  const userCreateCommand = Command.make(
    "create",
    {
      tenant: text("tenant", "The tenant's slug"),
      email: text("email", "The new user's email (their login)"),
      firstName: text("first-name", "First name"),
      lastName: text("last-name", "Last name"),
      role: text("role", "A tenant role of the preset, e.g. Admin or Regular"),
      invite: Flag.Boolean("invite").pipe(
        Flag.withDescription("Send a setup link instead of printing a temporary password"),
        Flag.withDefault(false)
      ),
      as: text("as", "Email of the admin to act as (default: the tenant's first active admin)").pipe(
        Flag.optional
      )
    },
    (options) => userCreate(env, options)
  ).pipe(Command.withDescription("Create a user of a tenant, acting as one of its admins"))

  return Command.make("gatehouse", {}, () => serve(env)).pipe(
    Command.withDescription("Gatehouse: users, roles and memberships for multi-tenant B2B products"),
    Command.withSubcommands([
      serveCommand,
      migrateCommand,
      Command.make("tenant").pipe(
        Command.withDescription("Manage tenants"),
        Command.withSubcommands([tenantCreateCommand])
      ),
      Command.make("user").pipe(
        Command.withDescription("Manage users"),
        Command.withSubcommands([userCreateCommand])
      )
    ])
  )
}

/** The version `gatehouse --version` prints. */
export const VERSION = "0.1.0"

/** Runs the command line with `args` (tests) instead of the process's. */
export const runCli = (
  env: Env,
  args: ReadonlyArray<string>
): Effect.Effect<void, CliError.CliError | CliError.UserError, Command.Environment> =>
  Command.runWith(gatehouseCli(env), { version: VERSION })(args)
