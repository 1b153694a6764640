import { assert } from "@effect/vitest"
import {
  type Invitation,
  type InvitationId,
  InvitationRepository,
  type InvitationState,
  Transactor,
  type User
} from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { anId } from "../builders.ts"
import {
  type AuthContractIt,
  type AuthRepositories,
  aHash,
  minute,
  registerAuthContract,
  tenantWithUsers
} from "./authSupport.ts"
import { race } from "./support.ts"

/** A pending invitation of `user`, created at minute 0 and valid for a day unless overridden. */
export const anInvitation = (
  user: Pick<User, "tenantId" | "id">,
  overrides: Partial<Invitation> = {}
): Invitation => ({
  id: anId<InvitationId>(),
  tenantId: user.tenantId,
  userId: user.id,
  secretHash: aHash(),
  state: "pending",
  expiresAt: minute(24 * 60),
  createdAt: minute(0),
  acceptedAt: null,
  ...overrides
})

const stored = (id: InvitationId) =>
  Effect.flatMap(InvitationRepository, (invitations) =>
    Effect.map(invitations.findById(id), Option.getOrThrow)
  )

/**
 * The InvitationRepository guarantees: `accept` is one conditional `pending -> accepted` while unexpired
 * (exactly one of N concurrent callers wins, inside transactions too), `revokePendingForUser` changes only
 * pending rows and counts them, nothing returns to pending, isolation by tenant (`findById` by id alone).
 */
export const invitationRepositoryTests = (it: AuthContractIt): void => {
  it.effect("stores an invitation and reads it back whole; listByUser is newest first", () =>
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const { users } = yield* tenantWithUsers(2)
      const [user, other] = users as [User, User]
      const first = anInvitation(user, { createdAt: minute(0), state: "revoked" })
      const second = anInvitation(user, { createdAt: minute(10) })
      const third = anInvitation(user, { createdAt: minute(5), state: "expired", expiresAt: minute(6) })
      assert.deepStrictEqual(yield* invitations.insert(first), first)
      for (const row of [second, third, anInvitation(other)]) yield* invitations.insert(row)
      assert.deepStrictEqual(yield* invitations.findById(second.id), Option.some(second))
      assert.isTrue(Option.isNone(yield* invitations.findById(anId<InvitationId>())))
      assert.deepStrictEqual(yield* invitations.listByUser(user.tenantId, user.id), [second, third, first])
    })
  )

  it.effect("accept turns a pending, unexpired invitation into accepted at the given time, once", () =>
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const { users } = yield* tenantWithUsers(1)
      const invitation = yield* invitations.insert(anInvitation(users[0]!))
      assert.isTrue(yield* invitations.accept(invitation.tenantId, invitation.id, minute(30)))
      assert.deepStrictEqual(yield* stored(invitation.id), {
        ...invitation,
        state: "accepted",
        acceptedAt: minute(30)
      })
      assert.isFalse(yield* invitations.accept(invitation.tenantId, invitation.id, minute(31)))
      assert.deepStrictEqual((yield* stored(invitation.id)).acceptedAt, minute(30))
      assert.isFalse(yield* invitations.accept(invitation.tenantId, anId<InvitationId>(), minute(31)))
    })
  )

  it.effect(
    "accept applies only while expiresAt > at: at or after expiresAt it fails and changes nothing",
    () =>
      Effect.gen(function* () {
        const invitations = yield* InvitationRepository
        const { users } = yield* tenantWithUsers(1)
        const invitation = yield* invitations.insert(anInvitation(users[0]!, { expiresAt: minute(60) }))
        assert.isFalse(yield* invitations.accept(invitation.tenantId, invitation.id, minute(60)))
        assert.isFalse(yield* invitations.accept(invitation.tenantId, invitation.id, minute(61)))
        assert.deepStrictEqual(yield* stored(invitation.id), invitation)
        const justInTime = yield* invitations.insert(anInvitation(users[0]!, { expiresAt: minute(60) }))
        assert.isTrue(
          yield* invitations.accept(justInTime.tenantId, justInTime.id, new Date(minute(60).getTime() - 1))
        )
      })
  )

  it.effect("an invitation recorded revoked, accepted or expired is never accepted", () =>
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const { users } = yield* tenantWithUsers(1)
      for (const state of ["revoked", "accepted", "expired"] as const) {
        const row = yield* invitations.insert(
          anInvitation(users[0]!, { state, acceptedAt: state === "accepted" ? minute(1) : null })
        )
        assert.isFalse(yield* invitations.accept(row.tenantId, row.id, minute(2)), state)
        assert.deepStrictEqual(yield* stored(row.id), row)
      }
    })
  )

  it.effect("of 20 concurrent accepts of one invitation exactly one gets true", () =>
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const { users } = yield* tenantWithUsers(1)
      const invitation = yield* invitations.insert(anInvitation(users[0]!))
      const { successes, failures } = yield* race(20, (i) =>
        invitations.accept(invitation.tenantId, invitation.id, minute(i + 1))
      )
      assert.strictEqual(failures.length, 0)
      assert.strictEqual(successes.filter((won) => won).length, 1)
      assert.strictEqual((yield* stored(invitation.id)).state, "accepted")
    })
  )

  it.effect("of 20 concurrent transactions accepting one invitation exactly one gets true", () =>
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const transactor = yield* Transactor
      const { users } = yield* tenantWithUsers(1)
      const invitation = yield* invitations.insert(anInvitation(users[0]!))
      const { successes, failures } = yield* race(20, (i) =>
        transactor.withTransaction(invitations.accept(invitation.tenantId, invitation.id, minute(i + 1)))
      )
      assert.strictEqual(failures.length, 0)
      assert.strictEqual(successes.filter((won) => won).length, 1)
    })
  )

  it.effect("revokePendingForUser revokes and counts only the user's pending invitations", () =>
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const { users } = yield* tenantWithUsers(2)
      const [user, other] = users as [User, User]
      const pending = [anInvitation(user), anInvitation(user, { createdAt: minute(1) })]
      const settled = (["accepted", "revoked", "expired"] as const).map((state: InvitationState) =>
        anInvitation(user, { state, acceptedAt: state === "accepted" ? minute(1) : null })
      )
      const othersPending = anInvitation(other)
      for (const row of [...pending, ...settled, othersPending]) yield* invitations.insert(row)
      assert.strictEqual(yield* invitations.revokePendingForUser(user.tenantId, user.id), 2)
      for (const row of pending) assert.deepStrictEqual(yield* stored(row.id), { ...row, state: "revoked" })
      for (const row of settled) assert.deepStrictEqual(yield* stored(row.id), row)
      assert.deepStrictEqual(yield* stored(othersPending.id), othersPending)
      assert.strictEqual(yield* invitations.revokePendingForUser(user.tenantId, user.id), 0)
      // A revoked invitation never becomes usable again.
      assert.isFalse(yield* invitations.accept(user.tenantId, pending[0]!.id, minute(2)))
    })
  )

  it.effect("another tenant's invitation is found by id alone, but never listed, accepted nor revoked", () =>
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const theirs = yield* tenantWithUsers(1)
      const mine = yield* tenantWithUsers(1)
      const invitation = yield* invitations.insert(anInvitation(theirs.users[0]!))
      const stranger = mine.tenant.id
      assert.isFalse(yield* invitations.accept(stranger, invitation.id, minute(1)))
      assert.strictEqual(yield* invitations.revokePendingForUser(stranger, invitation.userId), 0)
      assert.deepStrictEqual(yield* invitations.listByUser(stranger, invitation.userId), [])
      assert.deepStrictEqual(yield* invitations.findById(invitation.id), Option.some(invitation))
      assert.deepStrictEqual(yield* invitations.listByUser(invitation.tenantId, invitation.userId), [
        invitation
      ])
    })
  )
}

/** Runs the InvitationRepository contract against one implementation (built once for the suite). */
export const invitationRepositoryContract = (
  name: string,
  layer: Layer.Layer<AuthRepositories, unknown>
): void => registerAuthContract(`InvitationRepository contract (${name})`, layer, invitationRepositoryTests)
