import { assert, describe, it, layer } from "@effect/vitest"
import {
  type AuditEventId,
  AuditLog,
  StoreUnavailable,
  type Tenant,
  Transactor,
  UserRepository
} from "@gatehouse/domain"
import { aUser, freshTenant } from "@gatehouse/testkit"
import { Cause, Effect, Exit, Fiber, Layer, Option } from "effect"
import pg from "pg"
import { Database, layerPg, makeDatabase, makePgDriver } from "../src/index.ts"
import { DATABASE_URL, layerFreshServer } from "./support/serverDatabase.ts"

const UNREACHABLE = "postgres://postgres@127.0.0.1:1/gatehouse"

/** Ends a backend from outside, as an operator or a failover would. */
const terminate = (pid: number) =>
  Effect.promise(async () => {
    const admin = new pg.Client({ connectionString: DATABASE_URL })
    await admin.connect()
    try {
      await admin.query("SELECT pg_terminate_backend($1)", [pid])
    } finally {
      await admin.end()
    }
  })

const backendPid = Effect.flatMap(Database, (db) =>
  Effect.map(db.query<{ pid: number }>(null, "SELECT pg_backend_pid() AS pid"), (rows) => rows[0]!.pid)
)

/**
 * A use case's writes (a user and its audit event) in one transaction, with `fault` run after them; returns
 * the user, the transaction's outcome, and whether anything of it is visible afterwards.
 */
const writesThen = (tenant: Tenant, fault: Effect.Effect<void, unknown, Database | UserRepository>) =>
  Effect.gen(function* () {
    const users = yield* UserRepository
    const user = aUser({ tenantId: tenant.id })
    const action = `fault.${user.id}`
    const exit = yield* Effect.exit(
      (yield* Transactor).withTransaction(
        Effect.gen(function* () {
          yield* users.insert(user)
          yield* (yield* AuditLog).append({
            id: globalThis.crypto.randomUUID() as AuditEventId,
            tenantId: tenant.id,
            at: new Date(),
            actorKind: "system",
            actorId: null,
            action,
            targetType: "user",
            targetId: user.id,
            details: {}
          })
          yield* fault
        })
      )
    )
    const visible = {
      user: Option.isSome(yield* users.findById(tenant.id, user.id)),
      audit: (yield* (yield* AuditLog).query(tenant.id, { action, limit: 5 })).total
    }
    return { exit, visible }
  })

const assertUnavailable = (exit: Exit.Exit<unknown, unknown>) => {
  assert.isTrue(Exit.isFailure(exit), "the transaction failed")
  if (Exit.isFailure(exit)) {
    const error = Cause.findErrorOption(exit.cause)
    assert.isTrue(Option.isSome(error), `a typed failure, not a defect: ${Cause.pretty(exit.cause)}`)
    assert.strictEqual((Option.getOrThrow(error) as { _tag: string })._tag, "StoreUnavailable")
  }
}

describe.skipIf(DATABASE_URL === undefined)("PostgreSQL server faults", () => {
  layer(layerFreshServer(), { excludeTestServices: true })("a lost backend", (it) => {
    it.effect("killed between two statements: StoreUnavailable, nothing visible, the pool recovers", () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant()
        const { exit, visible } = yield* writesThen(
          tenant,
          Effect.gen(function* () {
            yield* terminate(yield* backendPid)
            yield* (yield* UserRepository).insert(aUser({ tenantId: tenant.id }))
          })
        )
        assertUnavailable(exit)
        assert.deepStrictEqual(visible, { user: false, audit: 0 })
        const after = yield* (yield* Transactor).withTransaction(
          (yield* UserRepository).insert(aUser({ tenantId: tenant.id }))
        )
        assert.isTrue(Option.isSome(yield* (yield* UserRepository).findById(tenant.id, after.id)))
      })
    )

    it.effect("killed before the commit: StoreUnavailable and nothing visible", () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant()
        const { exit, visible } = yield* writesThen(
          tenant,
          Effect.flatMap(backendPid, (pid) => terminate(pid))
        )
        assertUnavailable(exit)
        assert.deepStrictEqual(visible, { user: false, audit: 0 })
      })
    )

    it.effect("killed during a running statement: StoreUnavailable and nothing visible", () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant()
        const db = yield* Database
        const { exit, visible } = yield* writesThen(
          tenant,
          Effect.gen(function* () {
            const pid = yield* backendPid
            const sleeper = yield* Effect.forkChild(db.query(null, "SELECT pg_sleep(5)"))
            yield* Effect.sleep("150 millis")
            yield* terminate(pid)
            yield* Fiber.join(sleeper)
          })
        )
        assertUnavailable(exit)
        assert.deepStrictEqual(visible, { user: false, audit: 0 })
      })
    )
  })
})

// No server needed: nothing listens on port 1.
describe("an unreachable server", () => {
  const db = makeDatabase(makePgDriver({ connectionString: UNREACHABLE, connectionTimeoutMillis: 2_000 }))

  it.effect("a transaction fails with StoreUnavailable", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(db.transaction(Effect.void))
      assertUnavailable(exit)
    })
  )

  it.effect(
    "a repository call outside a transaction dies with StoreUnavailable (the ports declare no error)",
    () =>
      Effect.gen(function* () {
        const users = yield* UserRepository
        const exit = yield* Effect.exit(
          users.findByEmail(globalThis.crypto.randomUUID() as never, "a@b.co" as never)
        )
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isFailure(exit)) {
          assert.isTrue(Cause.hasDies(exit.cause), "a defect")
          assert.instanceOf(Cause.squash(exit.cause), StoreUnavailable)
        }
      }).pipe(Effect.provide(layerPg({ connectionString: UNREACHABLE, migrate: false })))
  )

  it.effect("building the layer (it migrates) fails with StoreUnavailable", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(
        Effect.scoped(Layer.build(layerPg({ connectionString: UNREACHABLE, connectionTimeoutMillis: 2_000 })))
      )
      assertUnavailable(exit)
    })
  )
})
