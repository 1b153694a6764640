import { assert, type Vitest } from "@effect/vitest"
import {
  ActorDirectory,
  authenticate,
  authenticateSession,
  getMe,
  MembershipRepository,
  newSessionToken,
  OrganizationRepository,
  SecureRandom,
  type Session,
  SessionRepository,
  Transactor,
  UserRepository,
  userActor
} from "@gatehouse/domain"
import { aMembership, anOrganization, aUser, freshTenant } from "@gatehouse/testkit"
import { Effect, Layer, Option } from "effect"
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
    plainRead: (sql, params) => counted(() => db.plainRead(sql, params))
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
const recording = Effect.gen(function* () {
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
        pipeline: <Row>(statements: Parameters<Connection["pipeline"]>[0]) => {
          sent.push(statements.map((statement) => statement.sql))
          return connection.pipeline<Row>(statements)
        },
        release: (releaseOptions) => connection.release(releaseOptions)
      }
      return recorded
    }
  }
  return {
    sent,
    layer: Layer.fresh(layerRepositories).pipe(Layer.provide(Layer.succeed(Database, makeDatabase(driver))))
  }
})

/** What a recorded statement is, for reading a request's round trips at a glance. */
const kindOf = (sql: string): string =>
  sql.startsWith("BEGIN; SELECT set_config")
    ? "BEGIN+tenant"
    : sql === "BEGIN" || sql === "COMMIT"
      ? sql
      : sql.startsWith("SELECT set_config")
        ? "tenant"
        : sql.includes("gatehouse_session_with_user")
          ? "session"
          : sql.includes("FROM tenants t JOIN users u")
            ? "actor"
            : sql.slice(0, 40)

const roundTrips = (sent: ReadonlyArray<ReadonlyArray<string>>) => sent.map((trip) => trip.map(kindOf))

/** A fresh session of the user (no touch due) and its token. */
const sessionOf = (user: { readonly tenantId: Session["tenantId"]; readonly id: Session["userId"] }) =>
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
      lastSeenAt: at,
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

  it.effect(
    "GET /v1/me's reads (session check, then getMe, one shared transaction): three round trips, four statements",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* freshTenant()
        const user = yield* (yield* UserRepository).insert(aUser({ tenantId: tenant.id })).pipe(Effect.orDie)
        const { token } = yield* sessionOf(user)
        const { sent, layer } = yield* recording
        // as the route runs it (`sharedTransaction`): the session check and the use case in one transaction
        const me = yield* Transactor.use((transactor) =>
          transactor.withTransaction(Effect.flatMap(authenticateSession(token), getMe))
        ).pipe(Effect.provide(layer))
        assert.strictEqual(me.id, user.id)
        // the session alone (before BEGIN), BEGIN with the tenant setting and the actor in one write, COMMIT
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
      assert.deepStrictEqual(trips.slice(-2), [["session"], ["COMMIT"]])
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
