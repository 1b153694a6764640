import { assert, type Vitest } from "@effect/vitest"
import {
  ActorDirectory,
  authenticate,
  authenticateSession,
  getMe,
  getMeOfSession,
  listUsers,
  MembershipRepository,
  newSessionToken,
  OrganizationRepository,
  SecureRandom,
  type Session,
  SessionRepository,
  type Tenant,
  Transactor,
  UserRepository,
  userActor
} from "@gatehouse/domain"
import { aMembership, anOrganization, aUser, freshTenant, seedTenant } from "@gatehouse/testkit"
import { Cause, Effect, Exit, Layer, Option } from "effect"
import {
  type Connection,
  Database,
  type Driver,
  layerRepositories,
  makeDatabase,
  type Repositories
} from "../../src/index.ts"

type AdapterIt = Vitest.MethodsNonLive<Repositories | Database>

/** A tenant with an active user holding two memberships. */
const member = Effect.gen(function* () {
  const { tenant } = yield* freshTenant()
  const user = yield* (yield* UserRepository).insert(aUser({ tenantId: tenant.id })).pipe(Effect.orDie)
  for (let i = 0; i < 2; i++) {
    const organization = yield* (yield* OrganizationRepository).insert(
      anOrganization({ tenantId: tenant.id })
    )
    yield* (yield* MembershipRepository)
      .insert(aMembership({ tenantId: tenant.id, organizationId: organization.id, userId: user.id }))
      .pipe(Effect.orDie)
  }
  return { tenant, user }
})

/** Every repository on the test's Database, counting the statements they send. */
const counting = Effect.gen(function* () {
  const db = yield* Database
  const counter = { statements: 0 }
  const counted = <A>(statement: () => Effect.Effect<A>) =>
    Effect.suspend(() => {
      counter.statements++
      return statement()
    })
  const database = Database.of({
    ...db,
    query: (tenantId, sql, params) => counted(() => db.query(tenantId, sql, params)),
    plainRead: (sql, params) => counted(() => db.plainRead(sql, params)),
    read: (tenantId, sql, params) => counted(() => db.read(tenantId, sql, params))
  })
  // Fresh: the repositories built for the suite on the real Database must not be reused.
  return {
    counter,
    layer: Layer.fresh(layerRepositories).pipe(Layer.provide(Layer.succeed(Database, database)))
  }
})

/**
 * Every repository on a Database whose driver records what reaches the store: one entry per round trip
 * (a `query`, or a `pipeline` sent in one write), each the statements it carried.
 */
export const recording = Effect.gen(function* () {
  const db = yield* Database
  const sent: Array<Array<string>> = []
  const driver: Driver = {
    ...db.driver,
    connect: async (options) => {
      const connection = await db.driver.connect(options)
      const recorded: Connection = {
        query: <Row>(sql: string, params?: ReadonlyArray<unknown>) => {
          sent.push([sql])
          return connection.query<Row>(sql, params)
        },
        pipeline: <Row>(statements: Parameters<Connection["pipeline"]>[0], answer?: number) => {
          sent.push(statements.map((statement) => statement.sql))
          return connection.pipeline<Row>(statements, answer)
        },
        release: (releaseOptions) => connection.release(releaseOptions)
      }
      return recorded
    }
  }
  const database = makeDatabase(driver)
  return {
    sent,
    database,
    layer: Layer.fresh(layerRepositories).pipe(Layer.provide(Layer.succeed(Database, database)))
  }
})

/** What a recorded statement is, for reading a request's round trips at a glance. */
const kindOf = (sql: string): string => {
  const begin = /^(BEGIN(?: READ ONLY)?); SELECT set_config\('app\.tenant_id'/.exec(sql)
  if (begin !== null) return `${begin[1]}+tenant`
  if (sql === "BEGIN" || sql === "BEGIN READ ONLY" || sql === "COMMIT" || sql === "ROLLBACK") return sql
  if (sql.startsWith("SELECT set_config")) return "tenant"
  if (sql.includes("gatehouse_session_with_user")) return "session"
  if (sql.includes("gatehouse_session_actor")) return "session+actor"
  if (sql.includes("FROM tenants t JOIN users u")) return "actor"
  return sql.slice(0, 40)
}

const roundTrips = (sent: ReadonlyArray<ReadonlyArray<string>>) => sent.map((trip) => trip.map(kindOf))

/** A fresh session of the user (no touch due unless last seen `idleMs` ago) and its token. */
const sessionOf = (
  user: { readonly tenantId: Session["tenantId"]; readonly id: Session["userId"] },
  idleMs = 0
) =>
  Effect.gen(function* () {
    const { id, token, secretHash } = yield* newSessionToken.pipe(Effect.provide(SecureRandom.layer))
    const at = new Date()
    const session: Session = {
      id,
      tenantId: user.tenantId,
      userId: user.id,
      secretHash,
      scope: "full",
      createdAt: at,
      lastSeenAt: new Date(at.getTime() - idleMs),
      expiresAt: new Date(at.getTime() + 3_600_000),
      revokedAt: null
    }
    yield* (yield* SessionRepository).insert(session)
    return { session, token }
  })

/** What the PostgreSQL ActorDirectory adds to its contract: one statement, exact timestamps from JSON. */
export const actorDirectoryTests = (it: AdapterIt): void => {
  it.effect("authenticate sends one statement (the four reads it replaces sent four)", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* member
      const { counter, layer } = yield* counting
      const context = yield* authenticate(userActor(tenant.id, user.id)).pipe(Effect.provide(layer))
      assert.strictEqual(context.user.id, user.id)
      assert.strictEqual(counter.statements, 1)
      const loaded = yield* ActorDirectory.use((d) => d.load(tenant.id, user.id)).pipe(Effect.provide(layer))
      assert.strictEqual(Option.getOrThrow(loaded).memberships.length, 2)
      assert.strictEqual(counter.statements, 2)
    })
  )

  it.effect("findSession and authenticateSession send one statement (session and user read together)", () =>
    Effect.gen(function* () {
      const { user } = yield* member
      const { session, token } = yield* sessionOf(user)
      const { counter, layer } = yield* counting
      const found = yield* ActorDirectory.use((d) => d.findSession(session.id)).pipe(Effect.provide(layer))
      assert.deepStrictEqual(found, Option.some({ session, userStatus: "active" as const }))
      assert.strictEqual(counter.statements, 1)
      const actor = yield* authenticateSession(token).pipe(Effect.provide(layer))
      assert.deepStrictEqual(actor, userActor(user.tenantId, user.id, "full"))
      assert.strictEqual(counter.statements, 2)
    })
  )

  it.effect("the session check is one statement in one round trip: no BEGIN, no COMMIT (a plain read)", () =>
    Effect.gen(function* () {
      const { user } = yield* member
      const { token } = yield* sessionOf(user)
      const { sent, layer } = yield* recording
      const actor = yield* authenticateSession(token).pipe(Effect.provide(layer))
      assert.deepStrictEqual(actor, userActor(user.tenantId, user.id, "full"))
      assert.deepStrictEqual(roundTrips(sent), [["session"]])
    })
  )

  it.effect("GET /v1/me (getMeOfSession): one statement in one round trip, no BEGIN, no COMMIT", () =>
    Effect.gen(function* () {
      const { user } = yield* member
      const { token } = yield* sessionOf(user)
      const { sent, layer } = yield* recording
      const me = yield* getMeOfSession(token).pipe(Effect.provide(layer))
      assert.strictEqual(me.id, user.id)
      assert.strictEqual(me.memberships.length, 2, "the memberships' organizations came with the actor")
      // the session, its user and the actor in one function call (migration 21)
      assert.deepStrictEqual(roundTrips(sent), [["session+actor"]])
      const { counter, layer: countingLayer } = yield* counting
      assert.deepStrictEqual(yield* getMeOfSession(token).pipe(Effect.provide(countingLayer)), me)
      assert.strictEqual(counter.statements, 1)
    })
  )

  it.effect("GET /v1/me with a session due a touch: the read, then the touch in its own transaction", () =>
    Effect.gen(function* () {
      const { user } = yield* member
      const { token } = yield* sessionOf(user, 600_000)
      const { sent, layer } = yield* recording
      const me = yield* getMeOfSession(token).pipe(Effect.provide(layer))
      assert.strictEqual(me.id, user.id)
      const trips = roundTrips(sent)
      assert.deepStrictEqual(trips[0], ["session+actor"])
      assert.strictEqual(trips[1]?.[0], "BEGIN+tenant", "the touch began a transaction")
      assert.deepStrictEqual(trips.slice(-1), [["COMMIT"]])
      assert.strictEqual(trips.length, 3)
    })
  )

  it.effect(
    "session check, then getMe, one shared mostlyReads transaction: two round trips, four messages",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant()
        const user = yield* (yield* UserRepository).insert(aUser({ tenantId: tenant.id })).pipe(Effect.orDie)
        const { token } = yield* sessionOf(user)
        const { sent, layer } = yield* recording
        const me = yield* Transactor.use((transactor) =>
          transactor.withTransaction(Effect.flatMap(authenticateSession(token), getMe), { mostlyReads: true })
        ).pipe(Effect.provide(layer))
        assert.strictEqual(me.id, user.id)
        // the session alone; then the actor in a read-only transaction of its own, in one write; the shared
        // transaction itself sent nothing, so no COMMIT of its own
        assert.deepStrictEqual(roundTrips(sent), [["session"], ["BEGIN READ ONLY+tenant", "actor", "COMMIT"]])
      })
  )

  it.effect(
    "GET /v1/users's reads (session, actor, page with its total) in a mostlyReads transaction: three round trips, no COMMIT of its own",
    () =>
      Effect.gen(function* () {
        const { admin } = yield* seedTenant({
          slug: `rt-${crypto.randomUUID().slice(0, 8)}` as Tenant["slug"]
        })
        const { token } = yield* sessionOf(admin)
        const { sent, layer } = yield* recording
        const run = (mostlyReads: boolean) =>
          Transactor.use((transactor) =>
            transactor.withTransaction(
              Effect.flatMap(authenticateSession(token), (actor) => listUsers(actor, { limit: 50 })),
              { mostlyReads }
            )
          ).pipe(Effect.provide(layer))
        const shape = (trips: ReadonlyArray<ReadonlyArray<string>>) =>
          trips.map((trip) => trip.map((kind) => (kind.startsWith("SELECT") ? "read" : kind)))
        const before = yield* run(false)
        assert.deepStrictEqual(shape(roundTrips(sent.splice(0))), [
          ["session"],
          ["BEGIN+tenant", "actor"],
          ["read"],
          ["COMMIT"]
        ])
        const after = yield* run(true)
        assert.deepStrictEqual(after, before, "the same page and total")
        assert.strictEqual(after.items[0]?.id, admin.id)
        assert.deepStrictEqual(shape(roundTrips(sent)), [
          ["session"],
          ["BEGIN READ ONLY+tenant", "actor", "COMMIT"],
          ["BEGIN READ ONLY+tenant", "read", "COMMIT"]
        ])
      })
  )

  it.effect(
    "without mostlyReads (a use case that writes), the actor read begins the transaction as before",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant()
        const user = yield* (yield* UserRepository).insert(aUser({ tenantId: tenant.id })).pipe(Effect.orDie)
        const { token } = yield* sessionOf(user)
        const { sent, layer } = yield* recording
        const me = yield* Transactor.use((transactor) =>
          transactor.withTransaction(Effect.flatMap(authenticateSession(token), getMe))
        ).pipe(Effect.provide(layer))
        assert.strictEqual(me.id, user.id)
        assert.deepStrictEqual(roundTrips(sent), [["session"], ["BEGIN+tenant", "actor"], ["COMMIT"]])
      })
  )

  it.effect("a plain read after the transaction began runs inside it and sees its writes", () =>
    Effect.gen(function* () {
      const { user } = yield* member
      const { sent, layer } = yield* recording
      const found = yield* Transactor.use((transactor) =>
        transactor.withTransaction(
          Effect.gen(function* () {
            const { session } = yield* sessionOf(user)
            return yield* (yield* ActorDirectory).findSession(session.id)
          })
        )
      ).pipe(Effect.provide(layer))
      assert.isTrue(Option.isSome(found), "the transaction's own session is found")
      const trips = roundTrips(sent)
      assert.deepStrictEqual(trips[0]?.[0], "BEGIN+tenant", "the insert began the transaction")
      // the insert (a queued write) travels in the read's round trip, ahead of it
      assert.deepStrictEqual(trips.at(-2)?.at(-1), "session")
      assert.deepStrictEqual(trips.at(-1), ["COMMIT"])
    })
  )

  it.effect(
    "in a mostlyReads transaction, a read after a write runs inside it and sees it (a session touch)",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant()
        const { sent, layer } = yield* recording
        const loaded = yield* Transactor.use((transactor) =>
          transactor.withTransaction(
            Effect.gen(function* () {
              const user = yield* (yield* UserRepository)
                .insert(aUser({ tenantId: tenant.id }))
                .pipe(Effect.orDie)
              return yield* (yield* ActorDirectory).load(tenant.id, user.id)
            }),
            { mostlyReads: true }
          )
        ).pipe(Effect.provide(layer))
        assert.isTrue(Option.isSome(loaded), "the transaction's own user is loaded")
        const trips = roundTrips(sent)
        assert.strictEqual(trips[0]?.[0], "BEGIN+tenant", "the insert began the transaction")
        assert.deepStrictEqual(trips.slice(-2), [["actor"], ["COMMIT"]])
      })
  )

  it.effect("a read first in its transaction runs read-only, alone, with its tenant's setting in force", () =>
    Effect.gen(function* () {
      const { user } = yield* member
      const { tenant: other } = yield* freshTenant()
      yield* (yield* UserRepository).insert(aUser({ tenantId: other.id })).pipe(Effect.orDie)
      const { sent, database } = yield* recording
      const rows = yield* database.read<{ tenant: string; readOnly: string; users: number; own: number }>(
        user.tenantId,
        `SELECT current_setting('app.tenant_id') AS tenant, current_setting('transaction_read_only') AS "readOnly",
           (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM users WHERE id = $1)::int AS own`,
        [user.id]
      )
      assert.deepStrictEqual(rows, [{ tenant: user.tenantId, readOnly: "on", users: 1, own: 1 }])
      assert.deepStrictEqual(
        roundTrips(sent).map((trip) => trip[0]),
        ["BEGIN READ ONLY+tenant"]
      )
      assert.strictEqual(sent.length, 1, "one round trip")
      // the other tenant's user is not admitted under this tenant's setting
      const otherRows = yield* database.read<{ users: number }>(
        other.id,
        "SELECT count(*)::int AS users FROM users WHERE tenant_id = $1",
        [user.tenantId]
      )
      assert.deepStrictEqual(otherRows, [{ users: 0 }])
    })
  )

  it.effect("a read that writes fails (read only), changes nothing and leaves the session usable", () =>
    Effect.gen(function* () {
      const { user } = yield* member
      const { database } = yield* recording
      const write = yield* Effect.exit(
        database.read(user.tenantId, "UPDATE users SET display_name = $2 WHERE id = $1 RETURNING id", [
          user.id,
          "written by a read"
        ])
      )
      assert.isTrue(Exit.isFailure(write), "refused")
      assert.include(String(Cause.squash((write as Exit.Failure<unknown, unknown>).cause)), "read-only")
      const after = yield* database.read<{ name: string | null }>(
        user.tenantId,
        "SELECT display_name AS name FROM users WHERE id = $1",
        [user.id]
      )
      assert.deepStrictEqual(after, [{ name: user.displayName }])
      const inTransaction = yield* database.transaction(
        database.query<{ n: number }>(user.tenantId, "SELECT 1 AS n")
      )
      assert.deepStrictEqual(inTransaction, [{ n: 1 }])
    })
  )

  it.effect("microseconds and the session's time zone read back as listByUser reads them", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* member
      const db = yield* Database
      // Not writable through the domain (its Dates have milliseconds): microseconds, before and after 1970.
      yield* db.query(
        tenant.id,
        `UPDATE memberships SET created_at = '2026-06-01 12:00:00.123789+00',
           updated_at = '1969-12-31 23:59:59.999999+00', expires_at = '2030-01-01 00:00:00.000500+00'
         WHERE tenant_id = $1 AND user_id = $2`,
        [tenant.id, user.id]
      )
      const inZone = (zone: string) =>
        Transactor.use((transactor) =>
          transactor.withTransaction(
            Effect.gen(function* () {
              yield* db.query(tenant.id, `SELECT set_config('TimeZone', $1, true)`, [zone])
              const loaded = Option.getOrThrow(yield* (yield* ActorDirectory).load(tenant.id, user.id))
              const listed = yield* (yield* MembershipRepository).listByUser(tenant.id, user.id)
              assert.deepStrictEqual(loaded.memberships, listed, zone)
              return loaded.memberships
            })
          )
        )
      for (const zone of ["UTC", "America/St_Johns", "Asia/Kathmandu", "Europe/Amsterdam"]) {
        const memberships = yield* inZone(zone)
        for (const m of memberships) {
          assert.strictEqual(m.createdAt.toISOString(), "2026-06-01T12:00:00.123Z")
          assert.strictEqual(m.updatedAt.toISOString(), "1969-12-31T23:59:59.999Z")
          assert.strictEqual(m.expiresAt?.toISOString(), "2030-01-01T00:00:00.000Z")
        }
      }
    })
  )
}
