import { assert } from "@effect/vitest"
import { type Email, Transactor, UserRepository } from "@gatehouse/domain"
import { Data, Effect, type Layer } from "effect"
import { anId, aUser } from "../builders.ts"
import { type ContractIt, freshTenant, type Repositories, registerContract } from "./support.ts"

class Boom extends Data.TaggedError("Boom")<{}> {}

const uniqueEmail = (label: string): Email => `${label}-${anId()}@example.com` as Email

const sorted = (emails: ReadonlySet<Email>): ReadonlyArray<Email> => [...emails].sort()

/**
 * The `UserRepository.existingEmails` guarantees: exactly the given emails the tenant has, never another
 * tenant's, duplicates answered once, an empty call answered empty, the transaction's own writes seen.
 */
export const userExistingEmailsTests = (it: ContractIt): void => {
  it.effect("answers exactly the given emails a user of the tenant has, the same as findByEmail", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const stored = Array.from({ length: 5 }, (_, i) =>
        aUser({ tenantId: tenant.id, email: uniqueEmail(`taken${i}`) })
      )
      yield* users.insertMany(stored)
      const free = [uniqueEmail("free"), uniqueEmail("other")]
      const asked = [stored[1]!.email, free[0]!, stored[3]!.email, free[1]!, stored[4]!.email]
      const found = yield* users.existingEmails(tenant.id, asked)
      assert.deepStrictEqual(sorted(found), [stored[1]!.email, stored[3]!.email, stored[4]!.email].sort())
      for (const email of asked) {
        const one = yield* users.findByEmail(tenant.id, email)
        assert.strictEqual(found.has(email), one._tag === "Some", email)
      }
    })
  )

  it.effect("another tenant's users never count; an email asked twice is answered once", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const theirs = yield* users.insert(aUser({ tenantId: other.id }))
      const mine = yield* users.insert(aUser({ tenantId: tenant.id }))
      const found = yield* users.existingEmails(tenant.id, [theirs.email, mine.email, mine.email])
      assert.deepStrictEqual(sorted(found), [mine.email])
      assert.deepStrictEqual(sorted(yield* users.existingEmails(other.id, [mine.email])), [])
    })
  )

  it.effect("an empty call answers an empty set; a tenant that does not exist has no emails", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const user = yield* users.insert(aUser({ tenantId: tenant.id }))
      assert.strictEqual((yield* users.existingEmails(tenant.id, [])).size, 0)
      assert.strictEqual((yield* users.existingEmails(anId(), [user.email])).size, 0)
    })
  )

  it.effect("answers for 1,200 emails at once, a deleted user's email no longer counting", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const batch = Array.from({ length: 1_200 }, (_, i) =>
        aUser({ tenantId: tenant.id, email: uniqueEmail(`many${i}`) })
      )
      yield* users.insertMany(batch.filter((_, i) => i % 2 === 0))
      const gone = batch[0]!
      yield* users.delete(tenant.id, gone.id)
      const found = yield* users.existingEmails(
        tenant.id,
        batch.map((user) => user.email)
      )
      const expected = batch.filter((_, i) => i % 2 === 0 && i !== 0).map((user) => user.email)
      assert.strictEqual(found.size, 599)
      assert.deepStrictEqual(sorted(found), [...expected].sort())
    })
  )

  it.effect("inside a transaction it sees the transaction's own inserts, which a rollback takes away", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const user = aUser({ tenantId: tenant.id })
      const failed = yield* Effect.flip(
        (yield* Transactor).withTransaction(
          Effect.gen(function* () {
            yield* users.insertMany([user]).pipe(Effect.orDie)
            assert.deepStrictEqual(sorted(yield* users.existingEmails(tenant.id, [user.email])), [user.email])
            return yield* new Boom()
          })
        )
      )
      assert.strictEqual(failed._tag, "Boom")
      assert.strictEqual((yield* users.existingEmails(tenant.id, [user.email])).size, 0)
    })
  )
}

/** Runs the `UserRepository.existingEmails` contract against one implementation (built once for the suite). */
export const userExistingEmailsContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`UserRepository.existingEmails contract (${name})`, layer, userExistingEmailsTests)
