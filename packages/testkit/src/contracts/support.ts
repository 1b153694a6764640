import { layer, type Vitest } from "@effect/vitest"
import {
  type ActorDirectory,
  type AuditLog,
  type DepartmentRepository,
  type GroupRepository,
  type MembershipRepository,
  type OrganizationRepository,
  type Role,
  RoleRepository,
  type Tenant,
  TenantRepository,
  type TenantSlug,
  type Transactor,
  type User,
  type UserRepository
} from "@gatehouse/domain"
import { Effect, type Layer, Result } from "effect"
import fc from "fast-check"
import { aTenant, rolesOf } from "../builders.ts"

/** Every port a repository implementation provides; the contract suites need all of them on one store. */
export type Repositories =
  | ActorDirectory
  | TenantRepository
  | RoleRepository
  | UserRepository
  | OrganizationRepository
  | MembershipRepository
  | GroupRepository
  | DepartmentRepository
  | AuditLog
  | Transactor

/** The `it` of a shared layer: `it.effect` tests run with the implementation's services. */
export type ContractIt = Vitest.MethodsNonLive<Repositories>

/** Registers one port's tests on an `it` that provides the implementation. */
export type ContractTests = (it: ContractIt) => void

// Live clock: the concurrency tests sleep and time out for real (TestClock would never advance). The layer
// is built once in a beforeAll and closed in an afterAll, so a slow store (PGlite) starts once per suite.
const layerOptions = { excludeTestServices: true } as const

/** Builds `implementation` once and registers `tests` against it inside `describe(title)`. */
export const registerContract = (
  title: string,
  implementation: Layer.Layer<Repositories, unknown>,
  tests: ContractTests
): void => layer(implementation, layerOptions)(title, tests)

/** A slug no other test (nor an earlier run on a persistent store) can have taken. */
/**
 * A property over the store: each generated input is checked by an effect that runs on the suite's
 * implementation (its own fresh tenants), `numRuns` times.
 */
export const storeProperty = <A>(
  it: ContractIt,
  name: string,
  input: fc.Arbitrary<A>,
  check: (value: A) => Effect.Effect<void, unknown, Repositories>,
  options: { readonly numRuns: number; readonly timeout: number }
): void => {
  it.effect(
    name,
    () =>
      Effect.gen(function* () {
        const run = Effect.runPromiseWith(yield* Effect.context<Repositories>())
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(input, (value) => run(check(value))),
            { numRuns: options.numRuns }
          )
        )
      }),
    options.timeout
  )
}

export const freshSlug = (): TenantSlug => `t-${globalThis.crypto.randomUUID()}` as TenantSlug

/**
 * Stores a new tenant with a fresh id and slug and its preset's roles: the isolation unit of every contract
 * test (the store is shared by the tests of a suite and never assumed empty).
 */
export const freshTenant = (
  overrides: Partial<Tenant> = {}
): Effect.Effect<{ readonly tenant: Tenant; readonly roles: ReadonlyArray<Role> }, never, Repositories> =>
  Effect.gen(function* () {
    const tenant = aTenant({ slug: freshSlug(), ...overrides })
    yield* (yield* TenantRepository).insert(tenant).pipe(Effect.orDie)
    const roles = rolesOf(tenant.id, tenant.preset)
    const repository = yield* RoleRepository
    for (const role of roles) yield* repository.insert(role).pipe(Effect.orDie)
    return { tenant, roles }
  })

/** Runs `n` copies of `effect` at once and sorts the outcomes into successes and failures. */
export const race = <A, E, R>(
  n: number,
  effect: (index: number) => Effect.Effect<A, E, R>
): Effect.Effect<{ readonly successes: ReadonlyArray<A>; readonly failures: ReadonlyArray<E> }, never, R> =>
  Effect.map(
    Effect.all(
      Array.from({ length: n }, (_, i) => Effect.result(effect(i))),
      { concurrency: "unbounded" }
    ),
    (results) => ({
      successes: results.filter(Result.isSuccess).map((r) => r.success),
      failures: results.filter(Result.isFailure).map((r) => r.failure)
    })
  )

/**
 * A user as a store may return it: the order of `groupIds` and `modulePermissions` is not part of any
 * contract (a SQL store keeps group links in a table), so comparisons sort them first.
 */
export const comparableUser = (user: User): User => ({
  ...user,
  groupIds: [...user.groupIds].sort(),
  modulePermissions: [...user.modulePermissions].sort()
})

/** The ids of rows, for order-sensitive comparisons with readable failure messages. */
export const idsOf = (rows: ReadonlyArray<{ readonly id: string }>): ReadonlyArray<string> =>
  rows.map((row) => row.id)

/** A page of a keyset-paginated list, as every `list`/`query` of the ports returns it. */
export interface AnyPage<A> {
  readonly items: ReadonlyArray<A>
  readonly total: number
  readonly nextCursor: string | null
}

/**
 * Walks every page of a list from the first one, checking what holds on each page: `total` is the same,
 * no page exceeds `limit`, every page but the last is full, and only the last has a null `nextCursor`.
 * Returns every row in the order served and the `total` of the first page.
 */
export const walkPages = <A, E, R>(
  limit: number,
  fetch: (cursor: string | undefined) => Effect.Effect<AnyPage<A>, E, R>
): Effect.Effect<{ readonly rows: ReadonlyArray<A>; readonly total: number; readonly pages: number }, E, R> =>
  Effect.gen(function* () {
    const rows: Array<A> = []
    let cursor: string | undefined
    let total: number | undefined
    let pages = 0
    while (true) {
      const page = yield* fetch(cursor)
      pages++
      if (total === undefined) total = page.total
      if (page.total !== total) throw new Error(`total changed between pages: ${total} then ${page.total}`)
      if (page.items.length > limit) throw new Error(`a page has ${page.items.length} rows, limit ${limit}`)
      rows.push(...page.items)
      if (page.nextCursor === null) break
      if (page.items.length !== limit)
        throw new Error(`a page with a nextCursor has ${page.items.length} rows, limit ${limit}`)
      if (pages > total + 1) throw new Error(`more pages than rows (${total}): the cursor does not advance`)
      cursor = page.nextCursor
    }
    // A full last page must already say null: no trailing empty page.
    const expected = Math.max(1, Math.ceil(rows.length / limit))
    if (pages !== expected)
      throw new Error(`${rows.length} rows came in ${pages} pages of ${limit}, not ${expected}`)
    return { rows, total: total ?? 0, pages }
  })
