import { layer, type Vitest } from "@effect/vitest"
import {
  type ExternalCredentialRepository,
  type FailedAttempts,
  type InvitationRepository,
  type OneTimeTokenRepository,
  type SessionRepository,
  type Tenant,
  type TotpRepository,
  type User,
  UserRepository
} from "@gatehouse/domain"
import { Effect, type Layer } from "effect"
import { aUser } from "../builders.ts"
import { freshTenant, type Repositories } from "./support.ts"

/**
 * Every port the authentication contract suites need on one store: the authentication ports, and the
 * core repositories their rows refer to (a SQL store keys sessions, invitations, enrolments, counters and
 * credentials by an existing tenant and user).
 */
export type AuthRepositories =
  | Repositories
  | SessionRepository
  | InvitationRepository
  | ExternalCredentialRepository
  | FailedAttempts
  | TotpRepository
  | OneTimeTokenRepository

/** The `it` of a shared layer providing `AuthRepositories`. */
export type AuthContractIt = Vitest.MethodsNonLive<AuthRepositories>

/** Registers one authentication port's tests on an `it` that provides the implementation. */
export type AuthContractTests = (it: AuthContractIt) => void

// Live clock, as for the core suites: the concurrency tests fork real fibers (and, on SQL, real connections).
const layerOptions = { excludeTestServices: true } as const

/** Builds `implementation` once and registers `tests` against it inside `describe(title)`. */
export const registerAuthContract = (
  title: string,
  implementation: Layer.Layer<AuthRepositories, unknown>,
  tests: AuthContractTests
): void => layer(implementation, layerOptions)(title, tests)

/**
 * A fresh tenant with `n` stored users: the isolation unit of the authentication suites (rows of these ports
 * belong to a real tenant and user, as a store's foreign keys require).
 */
export const tenantWithUsers = (
  n: number
): Effect.Effect<{ readonly tenant: Tenant; readonly users: ReadonlyArray<User> }, never, AuthRepositories> =>
  Effect.gen(function* () {
    const { tenant } = yield* freshTenant()
    const repository = yield* UserRepository
    const users: Array<User> = []
    for (let i = 0; i < n; i++)
      users.push(yield* repository.insert(aUser({ tenantId: tenant.id })).pipe(Effect.orDie))
    return { tenant, users }
  })

/** A fixed instant `minutes` after 2026-03-02 09:00 UTC: readable times for ordering and expiry checks. */
export const minute = (minutes: number): Date => new Date(Date.UTC(2026, 2, 2, 9, 0) + minutes * 60_000)

/** A lower-case hex SHA-256-shaped string, distinct per call (stores keep hashes, never secrets). */
export const aHash = (): string =>
  Array.from(globalThis.crypto.getRandomValues(new Uint8Array(32)), (b) =>
    b.toString(16).padStart(2, "0")
  ).join("")
