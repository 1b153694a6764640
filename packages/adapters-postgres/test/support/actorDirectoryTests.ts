import { assert, type Vitest } from "@effect/vitest"
import {
  ActorDirectory,
  authenticate,
  authenticateSession,
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
import { Database, layerRepositories, type Repositories } from "../../src/index.ts"

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
  const database = Database.of({
    ...db,
    query: (tenantId, sql, params) =>
      Effect.suspend(() => {
        counter.statements++
        return db.query(tenantId, sql, params)
      })
  })
  // Fresh: the repositories built for the suite on the real Database must not be reused.
  return {
    counter,
    layer: Layer.fresh(layerRepositories).pipe(Layer.provide(Layer.succeed(Database, database)))
  }
})

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
