import { assert } from "@effect/vitest"
import {
  type Invitation,
  type InvitationId,
  InvitationRepository,
  Transactor,
  type User
} from "@gatehouse/domain"
import { Data, Effect, Exit, type Layer, Option } from "effect"
import { anId } from "../builders.ts"
import {
  type AuthContractIt,
  type AuthRepositories,
  aHash,
  minute,
  registerAuthContract,
  tenantWithUsers
} from "./authSupport.ts"

class Boom extends Data.TaggedError("Boom")<{}> {}

/** A pending invitation of `user`, created at `created` minutes and valid for a day. */
const anInvitation = (user: Pick<User, "tenantId" | "id">, created = 0): Invitation => ({
  id: anId<InvitationId>(),
  tenantId: user.tenantId,
  userId: user.id,
  secretHash: aHash(),
  state: "pending",
  expiresAt: minute(created + 24 * 60),
  createdAt: minute(created),
  acceptedAt: null
})

/** How many of `rows` the store holds now, each exactly as given. */
const storedAsGiven = (rows: ReadonlyArray<Invitation>) =>
  Effect.gen(function* () {
    const invitations = yield* InvitationRepository
    let count = 0
    for (const row of rows) {
      const found = yield* invitations.findById(row.id)
      if (Option.isSome(found)) {
        assert.deepStrictEqual(found.value, row)
        count++
      }
    }
    return count
  })

/**
 * The `InvitationRepository.insertMany` guarantees: every row stored as `insert` stores it, of one or more
 * tenants; all or nothing (a taken or repeated id dies and stores nothing); with the caller's transaction.
 */
export const invitationBulkInsertTests = (it: AuthContractIt): void => {
  it.effect("stores 1,200 invitations whole, of two tenants; each user's are listed newest first", () =>
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const mine = yield* tenantWithUsers(3)
      const theirs = yield* tenantWithUsers(1)
      const users = [...mine.users, ...theirs.users]
      const rows = Array.from({ length: 1_200 }, (_, i) => anInvitation(users[i % users.length]!, i))
      yield* invitations.insertMany(rows)
      assert.strictEqual(yield* storedAsGiven(rows), 1_200)
      for (const user of users) {
        const expected = rows.filter((row) => row.userId === user.id).reverse()
        assert.deepStrictEqual(yield* invitations.listByUser(user.tenantId, user.id), expected)
      }
      // Stored invitations behave as inserted ones: accepted once, revoked when pending.
      assert.isTrue(yield* invitations.accept(rows[0]!.tenantId, rows[0]!.id, minute(1)))
      assert.strictEqual(yield* invitations.revokePendingForUser(theirs.tenant.id, theirs.users[0]!.id), 300)
    })
  )

  it.effect("an empty call stores nothing and succeeds", () =>
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const { users } = yield* tenantWithUsers(1)
      yield* invitations.insertMany([])
      assert.deepStrictEqual(yield* invitations.listByUser(users[0]!.tenantId, users[0]!.id), [])
    })
  )

  it.effect("an id given twice, or already stored, dies and stores nothing of the call", () =>
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const { users } = yield* tenantWithUsers(1)
      const user = users[0]!
      const first = anInvitation(user)
      const twice = [first, anInvitation(user, 1), { ...anInvitation(user, 2), id: first.id }]
      const repeated = yield* Effect.exit(invitations.insertMany(twice))
      assert.isTrue(Exit.hasDies(repeated), "an id given twice dies")
      assert.strictEqual(yield* storedAsGiven(twice.slice(1, 2)), 0)
      assert.isTrue(Option.isNone(yield* invitations.findById(first.id)))

      const existing = yield* invitations.insert(anInvitation(user, 3))
      const taken = [anInvitation(user, 4), { ...anInvitation(user, 5), id: existing.id }]
      assert.isTrue(Exit.hasDies(yield* Effect.exit(invitations.insertMany(taken))), "a taken id dies")
      assert.strictEqual(yield* storedAsGiven(taken.slice(0, 1)), 0)
      assert.deepStrictEqual(yield* invitations.findById(existing.id), Option.some(existing))
    })
  )

  it.effect("inside a transaction that fails afterwards, nothing of the call remains", () =>
    Effect.gen(function* () {
      const invitations = yield* InvitationRepository
      const { users } = yield* tenantWithUsers(2)
      const rows = Array.from({ length: 50 }, (_, i) => anInvitation(users[i % 2]!, i))
      const failed = yield* Effect.flip(
        (yield* Transactor).withTransaction(
          Effect.gen(function* () {
            yield* invitations.insertMany(rows)
            assert.strictEqual(yield* storedAsGiven(rows.slice(0, 3)), 3)
            return yield* new Boom()
          })
        )
      )
      assert.strictEqual(failed._tag, "Boom")
      assert.strictEqual(yield* storedAsGiven(rows), 0)
    })
  )
}

/** Runs the `InvitationRepository.insertMany` contract against one implementation (built once for the suite). */
export const invitationBulkInsertContract = (
  name: string,
  layer: Layer.Layer<AuthRepositories, unknown>
): void =>
  registerAuthContract(`InvitationRepository.insertMany contract (${name})`, layer, invitationBulkInsertTests)
