import {
  bootstrapTenant,
  type Email,
  PasswordHasher,
  platformActor,
  type RoleName,
  type Tenant,
  type TenantId,
  type TenantSlug,
  type User,
  type UserId,
  UserRepository
} from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import type { BenchServer } from "./gatehouse.ts"

/** The password of every account the bench logs in with (long enough for every preset's policy). */
export const PASSWORD = "Correct horse battery staple 42!"

/** The word only about one user in 10,000 carries in the seeded names (a rare search term). */
export const RARE = "Quetzalcoatl"

const FIRST = [
  "Ada",
  "Alan",
  "Anna",
  "Bjarne",
  "Brian",
  "Carla",
  "Chen",
  "Dana",
  "Edsger",
  "Emma",
  "Grace",
  "Hedy"
]
const LAST = [
  "Lovelace",
  "Turing",
  "Hopper",
  "Liskov",
  "Knuth",
  "Ritchie",
  "Thompson",
  "Hamilton",
  "Dijkstra"
]
const epoch = Date.UTC(2026, 0, 1)

/**
 * The i-th seeded user of a tenant: the spread of names, statuses and last logins of the adapter's listing bench
 * (packages/adapters-postgres/bench/listing.ts, a script that cannot be imported), active and verified.
 */
export const aUser = (tenantId: TenantId, i: number, passwordHash: string | null = null): User => {
  const first = i % 9_973 === 0 ? RARE : `${FIRST[i % FIRST.length]}${(i * 7919) % 1000}`
  const last = `${LAST[(i * 31) % LAST.length]}${(i * 104_729) % 10_000}`
  return {
    id: globalThis.crypto.randomUUID() as UserId,
    tenantId,
    email: `${first}.${last}.${i}@example.com`.toLowerCase() as Email,
    firstName: first,
    lastName: last,
    displayName: i % 5 === 0 ? `${first} ${last[0]}.` : null,
    phone: null,
    language: null,
    adminNotes: null,
    role: "Regular" as RoleName,
    modulePermissions: [],
    departmentId: null,
    groupIds: [],
    status: "active",
    emailVerified: true,
    phoneVerified: false,
    mustChangePassword: false,
    requireTotp: false,
    totpEnabled: false,
    passwordHash,
    lastLoginAt: i % 3 === 0 ? null : new Date(epoch + ((i * 15_485_863) % 10_000_000) * 1000),
    createdAt: new Date(epoch + i * 1000),
    updatedAt: new Date(epoch + i * 1000),
    version: 1
  } as User
}

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

/** `count` users in the tenant through `UserRepository.insertMany`, 5,000 per call (the import's unit). */
export const seedUsers = (server: BenchServer, tenantId: TenantId, count: number, from = 0) =>
  server.runtime.runPromise(
    Effect.gen(function* () {
      const users = yield* UserRepository
      for (let start = 0; start < count; start += 5_000) {
        const size = Math.min(5_000, count - start)
        yield* users.insertMany(Array.from({ length: size }, (_, i) => aUser(tenantId, from + start + i)))
      }
    })
  )

/**
 * `count` accounts that can log in with `PASSWORD` (one hash, computed by the server's hasher, shared): the
 * load rotates over them so concurrent logins do not all update one user row. Returns their emails.
 */
export const seedLoginAccounts = (server: BenchServer, tenantId: TenantId, count: number) =>
  server.runtime.runPromise(
    Effect.gen(function* () {
      const hash = yield* (yield* PasswordHasher).hash(Redacted.make(PASSWORD))
      const accounts = Array.from({ length: count }, (_, i) => ({
        ...aUser(tenantId, 10_000_000 + i, hash),
        email: `login-${i}@bench.example.com` as Email
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
