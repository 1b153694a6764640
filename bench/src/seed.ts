import {
  bootstrapTenant,
  type Email,
  PasswordHasher,
  platformActor,
  type RoleName,
  type Tenant,
  type TenantId,
  type TenantSlug,
  UserRepository
} from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import type { BenchServer } from "./gatehouse.ts"
import { spreadUser } from "./userSpread.ts"

/** The password of every account the bench logs in with (long enough for every preset's policy). */
export const PASSWORD = "Correct horse battery staple 42!"

export { RARE } from "./userSpread.ts"

/** A tenant (preset weevio) whose admin `admin@<slug>.example.com` has `PASSWORD`. */
export const seedTenant = (server: BenchServer, slug: string): Promise<Tenant> =>
  server.runtime
    .runPromise(
      bootstrapTenant(platformActor, {
        slug: slug as TenantSlug,
        name: slug,
        preset: "weevio",
        admin: {
          email: `admin@${slug}.example.com` as Email,
          firstName: "Bench",
          lastName: "Admin",
          password: Redacted.make(PASSWORD)
        }
      })
    )
    .then((outcome) => outcome.tenant)

/**
 * `count` users (`spreadUser` from `from` on) in the tenant through `UserRepository.insertMany`, 5,000 per call
 * (the import's unit), `concurrency` calls at a time (each its own transaction).
 */
export const seedUsers = (
  server: BenchServer,
  tenantId: TenantId,
  count: number,
  options: { readonly from?: number; readonly concurrency?: number } = {}
) => {
  const from = options.from ?? 0
  const starts = Array.from({ length: Math.ceil(count / 5_000) }, (_, batch) => batch * 5_000)
  return server.runtime.runPromise(
    Effect.gen(function* () {
      const users = yield* UserRepository
      yield* Effect.forEach(
        starts,
        (start) =>
          users.insertMany(
            Array.from({ length: Math.min(5_000, count - start) }, (_, i) =>
              spreadUser(tenantId, from + start + i)
            )
          ),
        { concurrency: options.concurrency ?? 1, discard: true }
      )
    })
  )
}

/**
 * `count` accounts that can log in with `PASSWORD` (one hash, computed by the server's hasher, shared): the
 * load rotates over them so concurrent logins do not all update one user row. Returns their emails.
 */
export const seedLoginAccounts = (server: BenchServer, tenantId: TenantId, count: number) =>
  server.runtime.runPromise(
    Effect.gen(function* () {
      const hash = yield* (yield* PasswordHasher).hash(Redacted.make(PASSWORD))
      const accounts = Array.from({ length: count }, (_, i) => ({
        ...spreadUser(tenantId, 10_000_000 + i),
        email: `login-${i}@bench.example.com` as Email,
        passwordHash: hash,
        role: "Regular" as RoleName,
        status: "active" as const
      }))
      yield* (yield* UserRepository).insertMany(accounts)
      return accounts.map((account) => account.email as string)
    })
  )

/** Logs in over HTTP and returns the bearer token. */
export const login = async (url: string, tenant: string, email: string): Promise<string> => {
  const response = await fetch(`${url}/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenant, email, password: PASSWORD })
  })
  if (!response.ok) throw new Error(`login of ${email} answered ${response.status}: ${await response.text()}`)
  return ((await response.json()) as { token: string }).token
}
