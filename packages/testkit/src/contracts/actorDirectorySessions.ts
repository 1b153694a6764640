import { assert } from "@effect/vitest"
import {
  ActorDirectory,
  type ActorSnapshot,
  MembershipRepository,
  type Organization,
  OrganizationRepository,
  type SessionActorRecord,
  type SessionId,
  type SessionRecord,
  SessionRepository,
  Transactor,
  type User,
  UserRepository,
  type UserStatus
} from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { aMembership, anId, anOrganization, aUser } from "../builders.ts"
import {
  type AuthContractIt,
  type AuthRepositories,
  minute,
  registerAuthContract,
  tenantWithUsers
} from "./authSupport.ts"
import { aSession } from "./sessionRepository.ts"

/** `SessionRepository.findById` then `UserRepository.findById`, shaped as `findSession` answers. */
const twoReads = (id: SessionId) =>
  Effect.gen(function* () {
    const found = yield* (yield* SessionRepository).findById(id)
    if (Option.isNone(found)) return Option.none<SessionRecord>()
    const session = found.value
    const user = yield* (yield* UserRepository).findById(session.tenantId, session.userId)
    return Option.some<SessionRecord>({
      session,
      userStatus: Option.isSome(user) ? user.value.status : undefined
    })
  })

/** Asserts that `findSession` answers exactly the two reads, and returns its answer. */
const findsAsTwoReads = (id: SessionId) =>
  Effect.gen(function* () {
    const found = yield* (yield* ActorDirectory).findSession(id)
    assert.deepStrictEqual(found, yield* twoReads(id))
    return found
  })

/**
 * `findSession`, then `ActorDirectory.load` of the session's user and `OrganizationRepository.findById` of each
 * membership's organization, shaped as `findSessionActor` answers.
 */
const separateReads = (id: SessionId) =>
  Effect.gen(function* () {
    const found = yield* (yield* ActorDirectory).findSession(id)
    if (Option.isNone(found)) return Option.none<SessionActorRecord>()
    const { session } = found.value
    const loaded = yield* (yield* ActorDirectory).load(session.tenantId, session.userId)
    if (Option.isNone(loaded))
      return Option.some<SessionActorRecord>({ ...found.value, actor: Option.none() })
    const repository = yield* OrganizationRepository
    const organizations: Array<Organization> = []
    for (const m of loaded.value.memberships) {
      const organization = yield* repository.findById(session.tenantId, m.organizationId)
      if (Option.isSome(organization)) organizations.push(organization.value)
    }
    const actor = Option.some<ActorSnapshot>({ ...loaded.value, organizations })
    return Option.some<SessionActorRecord>({ ...found.value, actor })
  })

/** Asserts that `findSessionActor` answers exactly the separate reads, and returns its answer. */
const findsActorAsSeparateReads = (id: SessionId) =>
  Effect.gen(function* () {
    const found = yield* (yield* ActorDirectory).findSessionActor(id)
    assert.deepStrictEqual(found, yield* separateReads(id))
    return found
  })

/** A user of the tenant with memberships in `n` organizations (in insertion order). */
const memberOf = (user: User, n: number) =>
  Effect.gen(function* () {
    const organizations: Array<Organization> = []
    for (let i = 0; i < n; i++) {
      const organization = yield* (yield* OrganizationRepository)
        .insert(anOrganization({ tenantId: user.tenantId }))
        .pipe(Effect.orDie)
      yield* (yield* MembershipRepository)
        .insert(aMembership({ tenantId: user.tenantId, organizationId: organization.id, userId: user.id }))
        .pipe(Effect.orDie)
      organizations.push(organization)
    }
    return organizations
  })

const withStatus = (user: User, status: UserStatus) =>
  Effect.flatMap(UserRepository, (users) =>
    users.update({ ...user, status }, user.version).pipe(Effect.orDie)
  )

/**
 * The ActorDirectory `findSession` guarantees: the session as `SessionRepository.findById` returns it
 * (revoked and expired ones too) with its user's current status, `undefined` once the user is gone, `None`
 * for an unknown id, and the transaction's own writes.
 */
export const actorDirectorySessionTests = (it: AuthContractIt): void => {
  it.effect("findSession equals findById and the user's status: active, disabled, revoked, expired", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const { users } = yield* tenantWithUsers(2)
      const [active, toDisable] = users as [User, User]
      const disabled = yield* withStatus(toDisable, "disabled")
      const live = aSession(active, { scope: "password_change", lastSeenAt: minute(3) })
      const revoked = aSession(active, { revokedAt: minute(5) })
      const expired = aSession(active, { createdAt: minute(-2000), expiresAt: minute(-1000) })
      const ofDisabled = aSession(disabled)
      for (const s of [live, revoked, expired, ofDisabled]) yield* sessions.insert(s)
      for (const [session, status] of [
        [live, "active"],
        [revoked, "active"],
        [expired, "active"],
        [ofDisabled, "disabled"]
      ] as const)
        assert.deepStrictEqual(
          yield* findsAsTwoReads(session.id),
          Option.some({ session, userStatus: status })
        )
      // The status now, not when the session was created.
      yield* withStatus(disabled, "deactivated")
      assert.strictEqual(Option.getOrThrow(yield* findsAsTwoReads(ofDisabled.id)).userStatus, "deactivated")
      // Touch and revocation show at once.
      yield* sessions.touch(live.tenantId, live.id, minute(9))
      yield* sessions.revoke(live.tenantId, live.id, minute(10))
      assert.deepStrictEqual(Option.getOrThrow(yield* findsAsTwoReads(live.id)).session, {
        ...live,
        lastSeenAt: minute(9),
        revokedAt: minute(10)
      })
    })
  )

  it.effect("None for an unknown id", () =>
    Effect.gen(function* () {
      const directory = yield* ActorDirectory
      const { users } = yield* tenantWithUsers(1)
      yield* (yield* SessionRepository).insert(aSession(users[0]!))
      assert.isTrue(Option.isNone(yield* directory.findSession(anId<SessionId>())))
    })
  )

  it.effect("once the user is deleted: as findById (a store may drop the session), never a status", () =>
    Effect.gen(function* () {
      const { tenant, users } = yield* tenantWithUsers(2)
      const [gone, stays] = users as [User, User]
      const session = aSession(gone)
      const neighbour = aSession(stays)
      for (const s of [session, neighbour]) yield* (yield* SessionRepository).insert(s)
      yield* (yield* UserRepository).delete(tenant.id, gone.id).pipe(Effect.orDie)
      const found = yield* findsAsTwoReads(session.id)
      if (Option.isSome(found)) {
        assert.deepStrictEqual(found.value.session, session)
        assert.isUndefined(found.value.userStatus)
      }
      assert.deepStrictEqual(
        yield* findsAsTwoReads(neighbour.id),
        Option.some({ session: neighbour, userStatus: "active" as const })
      )
    })
  )

  it.effect("inside a transaction, findSession sees the transaction's own writes", () =>
    Effect.gen(function* () {
      const { tenant } = yield* tenantWithUsers(0)
      const user = aUser({ tenantId: tenant.id, status: "pending" })
      const session = aSession(user)
      const inside = yield* (yield* Transactor).withTransaction(
        Effect.gen(function* () {
          const stored = yield* (yield* UserRepository).insert(user).pipe(Effect.orDie)
          yield* (yield* SessionRepository).insert(session)
          const before = yield* findsAsTwoReads(session.id)
          assert.deepStrictEqual(before, Option.some({ session, userStatus: "pending" as const }))
          yield* withStatus(stored, "active")
          yield* (yield* SessionRepository).revoke(tenant.id, session.id, minute(1))
          const after = yield* findsAsTwoReads(session.id)
          assert.deepStrictEqual(
            after,
            Option.some({ session: { ...session, revokedAt: minute(1) }, userStatus: "active" as const })
          )
          return after
        })
      )
      assert.deepStrictEqual(yield* (yield* ActorDirectory).findSession(session.id), inside)
    })
  )
}

/**
 * The ActorDirectory `findSessionActor` guarantees: `findSession`'s answer with the session's actor as `load`
 * reads it and the memberships' organizations as `findById` returns them, in one read; the session's own user in
 * its own tenant; the transaction's own writes.
 */
export const actorDirectorySessionActorTests = (it: AuthContractIt): void => {
  it.effect(
    "findSessionActor equals findSession, load and the organizations: memberships, revoked, disabled",
    () =>
      Effect.gen(function* () {
        const sessions = yield* SessionRepository
        const { users } = yield* tenantWithUsers(2)
        const [member, toDisable] = users as [User, User]
        const [, second] = yield* memberOf(member, 3)
        // an inactive organization shows in `inactiveOrganizations` and among the organizations
        yield* (yield* OrganizationRepository)
          .update({ ...second!, status: "inactive" }, second!.version)
          .pipe(Effect.orDie)
        const disabled = yield* withStatus(toDisable, "disabled")
        const live = aSession(member, { scope: "mfa_enrollment" })
        const revoked = aSession(member, { revokedAt: minute(5) })
        const ofDisabled = aSession(disabled)
        for (const s of [live, revoked, ofDisabled]) yield* sessions.insert(s)
        const found = Option.getOrThrow(yield* findsActorAsSeparateReads(live.id))
        assert.deepStrictEqual(found.session, live)
        assert.strictEqual(found.userStatus, "active")
        const actor = Option.getOrThrow(found.actor)
        assert.strictEqual(actor.user.id, member.id)
        assert.strictEqual(actor.memberships.length, 3)
        assert.deepStrictEqual(
          actor.organizations.map((o) => o.id),
          actor.memberships.map((m) => m.organizationId)
        )
        assert.deepStrictEqual(actor.inactiveOrganizations, [second!.id])
        assert.strictEqual(
          Option.getOrThrow(yield* findsActorAsSeparateReads(revoked.id)).session.revokedAt?.getTime(),
          minute(5).getTime()
        )
        const ofDisabledFound = Option.getOrThrow(yield* findsActorAsSeparateReads(ofDisabled.id))
        assert.strictEqual(ofDisabledFound.userStatus, "disabled")
        // the user's status is not looked at: a disabled user is loaded as `load` loads them
        assert.strictEqual(Option.getOrThrow(ofDisabledFound.actor).user.status, "disabled")
      })
  )

  it.effect("findSessionActor: None for an unknown id; no actor once the user is deleted", () =>
    Effect.gen(function* () {
      const directory = yield* ActorDirectory
      const { tenant, users } = yield* tenantWithUsers(2)
      const [gone, stays] = users as [User, User]
      yield* memberOf(stays, 1)
      const session = aSession(gone)
      const neighbour = aSession(stays)
      for (const s of [session, neighbour]) yield* (yield* SessionRepository).insert(s)
      assert.isTrue(Option.isNone(yield* directory.findSessionActor(anId<SessionId>())))
      yield* (yield* UserRepository).delete(tenant.id, gone.id).pipe(Effect.orDie)
      const found = yield* findsActorAsSeparateReads(session.id)
      if (Option.isSome(found)) {
        assert.isUndefined(found.value.userStatus)
        assert.isTrue(Option.isNone(found.value.actor))
      }
      const other = Option.getOrThrow(yield* findsActorAsSeparateReads(neighbour.id))
      assert.strictEqual(Option.getOrThrow(other.actor).organizations.length, 1)
    })
  )

  it.effect("findSessionActor reads the session's own tenant only: another tenant's roles never show", () =>
    Effect.gen(function* () {
      const { tenant, users } = yield* tenantWithUsers(1)
      const { users: others } = yield* tenantWithUsers(1)
      yield* memberOf(others[0]!, 2)
      yield* memberOf(users[0]!, 1)
      const session = aSession(users[0]!)
      yield* (yield* SessionRepository).insert(session)
      const actor = Option.getOrThrow(Option.getOrThrow(yield* findsActorAsSeparateReads(session.id)).actor)
      assert.strictEqual(actor.tenant.id, tenant.id)
      assert.isTrue(actor.roles.length > 0, "the tenant's roles")
      assert.isTrue(actor.roles.every((r) => r.tenantId === tenant.id))
      assert.isTrue(actor.memberships.every((m) => m.tenantId === tenant.id))
      assert.isTrue(actor.organizations.every((o) => o.tenantId === tenant.id))
      assert.strictEqual(actor.organizations.length, 1)
    })
  )

  it.effect("inside a transaction, findSessionActor sees the transaction's own writes", () =>
    Effect.gen(function* () {
      const { tenant } = yield* tenantWithUsers(0)
      const user = aUser({ tenantId: tenant.id, status: "pending" })
      const session = aSession(user)
      const inside = yield* (yield* Transactor).withTransaction(
        Effect.gen(function* () {
          const stored = yield* (yield* UserRepository).insert(user).pipe(Effect.orDie)
          yield* (yield* SessionRepository).insert(session)
          yield* memberOf(stored, 1)
          yield* withStatus(stored, "active")
          const found = Option.getOrThrow(yield* findsActorAsSeparateReads(session.id))
          assert.strictEqual(found.userStatus, "active")
          assert.strictEqual(Option.getOrThrow(found.actor).organizations.length, 1)
          return found
        })
      )
      assert.deepStrictEqual(
        Option.getOrThrow(yield* (yield* ActorDirectory).findSessionActor(session.id)),
        inside
      )
    })
  )
}

/** Runs the ActorDirectory `findSession` contract against one implementation (built once for the suite). */
export const actorDirectorySessionContract = (
  name: string,
  layer: Layer.Layer<AuthRepositories, unknown>
): void =>
  registerAuthContract(`ActorDirectory.findSession contract (${name})`, layer, actorDirectorySessionTests)
