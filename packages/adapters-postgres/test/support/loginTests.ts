import { assert, type Vitest } from "@effect/vitest"
import {
  AuditLog,
  FailedAttempts,
  login,
  PasswordHasher,
  type SecretBox,
  type SecureRandom,
  SessionRepository,
  Transactor,
  UserRepository
} from "@gatehouse/domain"
import { freshTenant, seedUser } from "@gatehouse/testkit"
import { Cause, Effect, Exit, Option, Redacted } from "effect"
import { Database, type Repositories } from "../../src/index.ts"
import { recording } from "./actorDirectoryTests.ts"

type AdapterIt = Vitest.MethodsNonLive<Repositories | Database | PasswordHasher | SecureRandom | SecretBox>

/** What a recorded statement of a login is. */
const kindOf = (sql: string): string => {
  const text = sql.replace(/\s+/g, " ").trim()
  const begin = /^(BEGIN(?: READ ONLY)?); SELECT set_config\('app\.tenant_id'/.exec(text)
  if (begin !== null) return `${begin[1]}+tenant`
  const kinds: ReadonlyArray<readonly [string, string]> = [
    ["SELECT id, slug,", "tenant"],
    ["SELECT u.tenant_id,", "user"],
    ["WITH prior_origin AS", "reserve"],
    ["SELECT t.id AS t_id", "actor"],
    ["DELETE FROM failed_attempts_by_origin", "reset origin"],
    ["DELETE FROM failed_attempts ", "reset account"],
    ["INSERT INTO sign_in_origins", "remember origin"],
    ["DELETE FROM sign_in_origins", "prune origins"],
    ["WITH updated AS ( UPDATE users", "update user"],
    ["INSERT INTO sessions", "session"],
    ["INSERT INTO audit_events", "audit"]
  ]
  return kinds.find(([prefix]) => text.startsWith(prefix))?.[1] ?? text.slice(0, 40)
}

const roundTrips = (sent: ReadonlyArray<ReadonlyArray<string>>) => sent.map((trip) => trip.map(kindOf))

const PASSWORD = "the right one"

/** A tenant with a user who has `PASSWORD`. */
const account = Effect.gen(function* () {
  const { tenant } = yield* freshTenant()
  const passwordHash = yield* (yield* PasswordHasher).hash(Redacted.make(PASSWORD))
  const user = yield* seedUser(tenant, { passwordHash })
  return { tenant, user }
})

const origin = { clientAddress: "203.0.113.9" }

/**
 * What a login sends to the store (issue 17): the round trips of a successful and of a failed login, so that
 * none comes back unnoticed; and the queued writes (`Database.write`) they rely on.
 */
export const loginTests = (it: AdapterIt): void => {
  it.effect(
    "a successful login is six round trips (thirteen before): three alone before the hash, three for the success",
    () =>
      Effect.gen(function* () {
        const { tenant, user } = yield* account
        const { sent, layer } = yield* recording
        const result = yield* login(
          { tenant: tenant.slug, email: user.email, password: Redacted.make(PASSWORD) },
          origin
        ).pipe(Effect.provide(layer))
        assert.deepStrictEqual(roundTrips(sent), [
          // before the hash: each alone (a plain read, a read-only read, the reservation with its COMMIT)
          ["tenant"],
          ["BEGIN READ ONLY+tenant", "user", "COMMIT"],
          ["BEGIN+tenant", "reserve", "COMMIT"],
          // the success transaction: the actor read; the queued writes travel with the user update (whose
          // answer tells a version conflict), the session and the audit event with the COMMIT
          ["BEGIN+tenant", "actor"],
          ["reset origin", "reset account", "remember origin", "prune origins", "update user"],
          ["session", "audit", "COMMIT"]
        ])
        // and everything was written
        const session = yield* (yield* SessionRepository).findById(result.session.id)
        assert.strictEqual(Option.getOrThrow(session).userId, user.id)
        const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
        assert.isNotNull(stored.lastLoginAt)
        assert.strictEqual(stored.version, user.version + 1)
        const audited = yield* (yield* AuditLog).query(tenant.id, {
          action: "auth.login_succeeded",
          limit: 5
        })
        assert.strictEqual(audited.items[0]?.targetId, result.session.id)
        assert.strictEqual((yield* (yield* FailedAttempts).get(tenant.id, user.id)).failures, 0)
      })
  )

  it.effect("a wrong password is four round trips: the failure's audit event goes with its COMMIT", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* account
      const { sent, layer } = yield* recording
      const exit = yield* Effect.exit(
        login(
          { tenant: tenant.slug, email: user.email, password: Redacted.make("a wrong one") },
          origin
        ).pipe(Effect.provide(layer))
      )
      assert.isTrue(Exit.isFailure(exit))
      assert.deepStrictEqual(roundTrips(sent), [
        ["tenant"],
        ["BEGIN READ ONLY+tenant", "user", "COMMIT"],
        ["BEGIN+tenant", "reserve", "COMMIT"],
        ["BEGIN+tenant", "audit", "COMMIT"]
      ])
      assert.strictEqual((yield* (yield* FailedAttempts).get(tenant.id, user.id)).failures, 1)
      const audited = yield* (yield* AuditLog).query(tenant.id, { action: "auth.login_failed", limit: 5 })
      assert.strictEqual(audited.total, 1)
    })
  )

  it.effect("a queued write that fails fails the transaction at its COMMIT: nothing of it is applied", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* account
      const db = yield* Database
      const exit = yield* Effect.exit(
        (yield* Transactor).withTransaction(
          Effect.gen(function* () {
            yield* (yield* UserRepository).update({ ...user, firstName: "Changed" }, user.version)
            yield* db.write(tenant.id, "SELECT 1 / (SELECT count(*) - count(*) FROM users)")
          })
        )
      )
      assert.isTrue(Exit.isFailure(exit) && Cause.hasDies(exit.cause), "a defect")
      const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
      assert.strictEqual(stored.firstName, user.firstName, "the update before it was rolled back")
    })
  )

  it.effect(
    "a queued write is seen by the transaction's next statement; outside a transaction it commits",
    () =>
      Effect.gen(function* () {
        const { tenant, user } = yield* account
        const db = yield* Database
        const rename = (name: string) =>
          db.write(tenant.id, "UPDATE users SET first_name = $3 WHERE tenant_id = $1 AND id = $2", [
            tenant.id,
            user.id,
            name
          ])
        const seen = yield* (yield* Transactor).withTransaction(
          Effect.gen(function* () {
            yield* rename("Queued")
            return yield* (yield* UserRepository).findById(tenant.id, user.id)
          })
        )
        assert.strictEqual(Option.getOrThrow(seen).firstName, "Queued")
        yield* rename("Alone")
        const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
        assert.strictEqual(stored.firstName, "Alone")
      })
  )

  it.effect("an atomic block that fails drops its queued writes; the transaction's others commit", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* account
      const db = yield* Database
      const rename = (name: string) =>
        db.write(tenant.id, "UPDATE users SET first_name = $3 WHERE tenant_id = $1 AND id = $2", [
          tenant.id,
          user.id,
          name
        ])
      const setLast = db.write(
        tenant.id,
        "UPDATE users SET last_name = 'Kept' WHERE tenant_id = $1 AND id = $2",
        [tenant.id, user.id]
      )
      yield* (yield* Transactor).withTransaction(
        Effect.gen(function* () {
          yield* setLast
          yield* Effect.ignore(db.atomic(Effect.andThen(rename("Dropped"), Effect.fail("no"))))
        })
      )
      const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
      assert.strictEqual(stored.lastName, "Kept")
      assert.strictEqual(stored.firstName, user.firstName)
    })
  )
}
