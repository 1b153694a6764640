import { assert, describe, layer } from "@effect/vitest"
import {
  type AuditEventId,
  AuditLog,
  changeRole,
  defaultThrottlePolicy,
  type Email,
  FailedAttempts,
  login,
  PasswordHasher,
  type RoleName,
  SecureRandom,
  type Tenant,
  TenantRepository,
  ThrottleSettings,
  Transactor,
  type User,
  UserRepository,
  updateOwnProfile,
  userActor
} from "@gatehouse/domain"
import { aUser, freshTenant, memory, seedUser } from "@gatehouse/testkit"
import { Deferred, Effect, Layer, Option, Redacted, Ref, Result } from "effect"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"

/** Runs `n` copies at once and sorts the outcomes (a defect fails the test). */
const race = <A, E, R>(n: number, effect: (i: number) => Effect.Effect<A, E, R>) =>
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

const auditEvent = (tenant: Tenant, action: string) =>
  Effect.flatMap(AuditLog, (audit) =>
    audit.append({
      id: globalThis.crypto.randomUUID() as AuditEventId,
      tenantId: tenant.id,
      at: new Date(),
      actorKind: "system",
      actorId: null,
      action,
      targetType: null,
      targetId: null,
      details: {}
    })
  )

/**
 * 20 transactions that read the tenant and write it back at the version they read. With the lock they may
 * wait for it only; without it, every one reads before any writes (a barrier), the interleaving the lock
 * exists to prevent.
 */
const readModifyWrite = (tenant: Tenant, options: { readonly lock: boolean }) =>
  Effect.gen(function* () {
    const reads = yield* Ref.make(0)
    const allRead = yield* Deferred.make<void>()
    return yield* race(20, (i) =>
      Effect.flatMap(Transactor, (transactor) =>
        transactor.withTransaction(
          Effect.gen(function* () {
            const tenants = yield* TenantRepository
            if (options.lock) yield* tenants.lock(tenant.id)
            const current = Option.getOrThrow(yield* tenants.findById(tenant.id))
            if (options.lock) yield* Effect.sleep("5 millis")
            else {
              if ((yield* Ref.updateAndGet(reads, (n) => n + 1)) === 20)
                yield* Deferred.succeed(allRead, undefined)
              yield* Deferred.await(allRead)
            }
            const hours = current.settings.invitationTtlHours + 1
            return yield* tenants.update(
              { ...current, name: `Bumped ${i}`, settings: { invitationTtlHours: hours } },
              current.version
            )
          })
        )
      )
    )
  })

describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server races", () => {
  const services = Layer.mergeAll(
    SecureRandom.layer,
    memory.PasswordHasher.layerFake,
    memory.SecretBox.layerFake
  )
  layer(Layer.merge(layerFreshServer({ maxConnections: 25 }), services), {
    excludeTestServices: true
  })("20 concurrent transactions", (it) => {
    it.effect("one email created once: 1 success, 19 EmailTaken, one audit event", () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant()
        const email = `race-${globalThis.crypto.randomUUID()}@example.com` as Email
        const { successes, failures } = yield* race(20, () =>
          Effect.flatMap(Transactor, (transactor) =>
            transactor.withTransaction(
              Effect.gen(function* () {
                const user = yield* (yield* UserRepository).insert(aUser({ tenantId: tenant.id, email }))
                yield* auditEvent(tenant, `created ${email}`)
                return user
              })
            )
          )
        )
        assert.strictEqual(successes.length, 1)
        assert.deepStrictEqual(
          failures.map((f) => f._tag),
          Array.from({ length: 19 }, () => "EmailTaken")
        )
        const stored = Option.getOrThrow(yield* (yield* UserRepository).findByEmail(tenant.id, email))
        assert.strictEqual(stored.id, successes[0]!.id)
        const events = yield* (yield* AuditLog).query(tenant.id, { action: `created ${email}`, limit: 50 })
        assert.strictEqual(events.total, 1)
      })
    )

    it.effect(
      "user counters: 20 concurrent inserts, bulk inserts, status changes and deletes keep total exact",
      () =>
        Effect.gen(function* () {
          const { tenant } = yield* freshTenant()
          const users = yield* UserRepository
          const existing: Array<User> = []
          for (let i = 0; i < 20; i++)
            existing.push(yield* users.insert(aUser({ tenantId: tenant.id, status: "active" })))
          // opposite status changes (active -> disabled, disabled -> active) touch the two counters in both orders
          yield* users.update({ ...existing[0]!, status: "disabled" }, existing[0]!.version)
          const { failures } = yield* race(20, (i) =>
            Effect.flatMap(Transactor, (transactor) =>
              transactor.withTransaction(
                Effect.gen(function* () {
                  if (i % 4 === 0)
                    return yield* users.insert(aUser({ tenantId: tenant.id, status: "pending" }))
                  if (i % 4 === 1)
                    return yield* users.insertMany([
                      aUser({ tenantId: tenant.id, status: "active" }),
                      aUser({ tenantId: tenant.id, status: "pending" })
                    ])
                  const current = Option.getOrThrow(yield* users.findById(tenant.id, existing[i]!.id))
                  if (i % 4 === 2) return yield* users.delete(tenant.id, current.id)
                  const next = current.status === "active" ? "disabled" : "active"
                  return yield* users.update({ ...current, status: next }, current.version)
                })
              )
            )
          )
          assert.deepStrictEqual(failures, [])
          const counted = yield* users.list(tenant.id, { sort: "name", limit: 200 })
          assert.strictEqual(counted.items.length, 20 + 5 + 10 - 5)
          assert.strictEqual(counted.total, counted.items.length)
          for (const status of ["pending", "active", "disabled"] as const) {
            const page = yield* users.list(tenant.id, { status, sort: "name", limit: 1 })
            assert.strictEqual(page.total, counted.items.filter((u) => u.status === status).length, status)
          }
        })
    )

    it.effect("the tenant lock serialises read-modify-write: 20 increments, no lost update", () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant()
        const { successes, failures } = yield* readModifyWrite(tenant, { lock: true })
        assert.deepStrictEqual(failures, [])
        assert.strictEqual(successes.length, 20)
        const stored = Option.getOrThrow(yield* (yield* TenantRepository).findById(tenant.id))
        assert.strictEqual(stored.version, tenant.version + 20)
        assert.strictEqual(stored.settings.invitationTtlHours, tenant.settings.invitationTtlHours + 20)
      })
    )

    it.effect("control: without the lock the same transactions conflict (the race is real)", () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant()
        const { successes, failures } = yield* readModifyWrite(tenant, { lock: false })
        assert.strictEqual(successes.length, 1)
        assert.strictEqual(failures.length, 19)
        for (const failure of failures) assert.strictEqual(failure._tag, "VersionConflict")
        const stored = Option.getOrThrow(yield* (yield* TenantRepository).findById(tenant.id))
        assert.strictEqual(stored.version, tenant.version + successes.length)
      })
    )

    it.effect("8 own-profile edits at once without a version all apply, none a conflict (PATCH /v1/me)", () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant({ preset: "weevio" })
        const me = yield* seedUser(tenant, { role: "Regular" as RoleName })
        const { successes, failures } = yield* race(8, (i) =>
          updateOwnProfile(userActor(tenant.id, me.id), { displayName: `Edit ${i}` })
        )
        assert.deepStrictEqual(failures, [])
        assert.deepStrictEqual(
          successes.map((s) => s.version).sort((a, b) => a - b),
          [2, 3, 4, 5, 6, 7, 8, 9]
        )
        // Control: the same edits at one version conflict (the race is real).
        const stale = yield* race(8, (i) =>
          updateOwnProfile(userActor(tenant.id, me.id), { displayName: `Stale ${i}` }, 9)
        )
        assert.deepStrictEqual(
          [stale.successes.length, stale.failures.map((f) => f._tag)],
          [1, Array.from({ length: 7 }, () => "VersionConflict")]
        )
      })
    )

    it.effect("two admins demoting each other 10 times each at once leave exactly one admin", () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant({ preset: "weevio" })
        const admin = "Admin" as RoleName
        const first = yield* seedUser(tenant, { role: admin })
        const second = yield* seedUser(tenant, { role: admin })
        const { successes, failures } = yield* race(20, (i) =>
          i % 2 === 0
            ? changeRole(userActor(tenant.id, first.id), second.id, "Regular" as RoleName)
            : changeRole(userActor(tenant.id, second.id), first.id, "Regular" as RoleName)
        )
        // One demotion wins; the demoted admin may no longer change roles (Forbidden). Never both.
        assert.strictEqual(successes.length + failures.length, 20)
        for (const failure of failures) assert.oneOf(failure._tag, ["Forbidden", "LastAdmin"])
        assert.strictEqual(yield* (yield* UserRepository).countActiveWithRole(tenant.id, [admin]), 1)
        const changes = yield* (yield* AuditLog).query(tenant.id, { action: "user.role_changed", limit: 50 })
        assert.strictEqual(changes.total, 1)
      })
    )

    it.effect("20 wrong passwords at once count 20, for a known and for an unknown email", () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant()
        const passwordHash = yield* (yield* PasswordHasher).hash(Redacted.make("the right one"))
        const user = yield* seedUser(tenant, { passwordHash })
        const attempt = (email: string) =>
          login({ tenant: tenant.slug, email, password: Redacted.make("a wrong one") }).pipe(
            // No throttle wait: every attempt must reach the password check and count.
            Effect.provideService(ThrottleSettings, {
              ...defaultThrottlePolicy,
              freeFailures: 1_000,
              lockAfter: 1_000
            })
          )
        for (const email of [user.email, `nobody-${user.id}@example.com`]) {
          const { successes, failures } = yield* race(20, () => attempt(email))
          assert.strictEqual(successes.length, 0)
          assert.deepStrictEqual(
            failures.map((f) => f._tag),
            Array.from({ length: 20 }, () => "InvalidCredentials")
          )
        }
        const counted = yield* (yield* FailedAttempts).get(tenant.id, user.id)
        assert.strictEqual(counted.failures, 20)
        const audited = yield* (yield* AuditLog).query(tenant.id, { action: "auth.login_failed", limit: 1 })
        assert.strictEqual(audited.total, 40)
      })
    )

    it.effect(
      "issue 12 item 2: 25 wrong passwords at once on a fresh account get exactly 5 hash checks (5 InvalidCredentials, 20 TooManyAttempts), counted 5",
      () =>
        Effect.gen(function* () {
          const { tenant } = yield* freshTenant()
          const base = yield* PasswordHasher
          const passwordHash = yield* base.hash(Redacted.make("the right one"))
          const user = yield* seedUser(tenant, { passwordHash })
          const checks = yield* Ref.make(0)
          // a check takes a while, as argon2 does: the attempts overlap as they did over HTTP
          const counting = PasswordHasher.of({
            ...base,
            verify: (hash, password) =>
              Ref.update(checks, (n) => n + 1).pipe(
                Effect.andThen(Effect.sleep("20 millis")),
                Effect.andThen(base.verify(hash, password))
              )
          })
          const origin = { clientAddress: "203.0.113.25" }
          const { successes, failures } = yield* race(25, () =>
            login(
              { tenant: tenant.slug, email: user.email, password: Redacted.make("a wrong one") },
              origin
            ).pipe(Effect.provideService(PasswordHasher, counting))
          )
          assert.strictEqual(successes.length, 0)
          const tags = failures.map((f) => f._tag)
          assert.strictEqual(yield* Ref.get(checks), 5)
          assert.strictEqual(tags.filter((t) => t === "InvalidCredentials").length, 5)
          assert.strictEqual(tags.filter((t) => t === "TooManyAttempts").length, 20)
          assert.strictEqual((yield* (yield* FailedAttempts).get(tenant.id, user.id)).failures, 5)
          const audited = yield* (yield* AuditLog).query(tenant.id, { action: "auth.login_failed", limit: 1 })
          assert.strictEqual(audited.total, 5)
        })
    )

    it.effect("a deadlock is retried: the whole transaction runs again and both commit", () =>
      Effect.gen(function* () {
        const { tenant: a } = yield* freshTenant()
        const { tenant: b } = yield* freshTenant()
        const attempts = yield* Ref.make(0)
        const holding = [yield* Deferred.make<void>(), yield* Deferred.make<void>()] as const
        // Each takes one tenant lock, waits until the other holds its own, then asks for the other's: a
        // certain deadlock, which the server breaks by failing one of them (40P01).
        const both = (index: 0 | 1, first: Tenant, second: Tenant) =>
          Effect.flatMap(Transactor, (transactor) =>
            transactor.withTransaction(
              Effect.gen(function* () {
                yield* Ref.update(attempts, (n) => n + 1)
                const tenants = yield* TenantRepository
                yield* tenants.lock(first.id)
                yield* Deferred.succeed(holding[index], undefined)
                yield* Deferred.await(holding[1 - index]!)
                yield* tenants.lock(second.id)
              })
            )
          )
        const { successes, failures } = yield* race(2, (i) => (i === 0 ? both(0, a, b) : both(1, b, a)))
        assert.deepStrictEqual(failures, [])
        assert.strictEqual(successes.length, 2)
        // The guarantee is that the victim runs again and both commit, not how often: a loaded CI run once
        // counted 4 attempts instead of the usual 3 (not explained yet; never seen when run alone).
        assert.isAtLeast(yield* Ref.get(attempts), 3, "the deadlock victim ran again")
      })
    )
  })
})
