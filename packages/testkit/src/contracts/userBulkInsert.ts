import { assert } from "@effect/vitest"
import {
  DepartmentRepository,
  type Email,
  GroupRepository,
  Transactor,
  type User,
  UserRepository
} from "@gatehouse/domain"
import { Data, Effect, type Layer, Option } from "effect"
import { aDepartment, aGroup, anId, aUser } from "../builders.ts"
import {
  type ContractIt,
  comparableUser,
  freshTenant,
  type Repositories,
  race,
  registerContract
} from "./support.ts"

class Boom extends Data.TaggedError("Boom")<{}> {}

const uniqueEmail = (label: string): Email => `${label}-${anId()}@example.com` as Email

/** How many of `users` the store holds now (looked up by id in their own tenant). */
const stored = (users: ReadonlyArray<User>) =>
  Effect.gen(function* () {
    const repository = yield* UserRepository
    let count = 0
    for (const user of users) {
      if (Option.isSome(yield* repository.findById(user.tenantId, user.id))) count++
    }
    return count
  })

/** The `UserRepository.insertMany` guarantees: every field stored, all or nothing, uniqueness, isolation. */
export const userBulkInsertTests = (it: ContractIt): void => {
  it.effect("stores every user of the call with every field, group links and department included", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const group = yield* (yield* GroupRepository).insert(aGroup({ tenantId: tenant.id }))
      const other = yield* (yield* GroupRepository).insert(aGroup({ tenantId: tenant.id }))
      const department = yield* (yield* DepartmentRepository).insert(aDepartment({ tenantId: tenant.id }))
      const batch = Array.from({ length: 1_200 }, (_, i) =>
        aUser({
          tenantId: tenant.id,
          email: uniqueEmail(`bulk${i}`),
          status: "pending",
          departmentId: i % 2 === 0 ? department.id : null,
          groupIds: i % 3 === 0 ? [group.id, other.id] : [],
          modulePermissions: i % 5 === 0 ? ["module:orders"] : []
        })
      )
      yield* users.insertMany(batch)
      for (const user of [batch[0]!, batch[3]!, batch[1_199]!]) {
        const found = yield* users.findByEmail(tenant.id, user.email)
        assert.deepStrictEqual(comparableUser(Option.getOrThrow(found)), comparableUser(user))
      }
      const page = yield* users.list(tenant.id, { sort: "email", limit: 1, groupId: group.id })
      assert.strictEqual(page.total, 400)
      assert.strictEqual((yield* users.list(tenant.id, { sort: "email", limit: 1 })).total, 1_200)
    })
  )

  it.effect(
    "an email taken in the tenant fails EmailTaken naming it, and nothing of the call is stored",
    () =>
      Effect.gen(function* () {
        const users = yield* UserRepository
        const { tenant } = yield* freshTenant()
        const existing = yield* users.insert(aUser({ tenantId: tenant.id }))
        const batch = [
          aUser({ tenantId: tenant.id, email: uniqueEmail("before") }),
          aUser({ tenantId: tenant.id, email: existing.email }),
          aUser({ tenantId: tenant.id, email: uniqueEmail("after") })
        ]
        const error = yield* Effect.flip(users.insertMany(batch))
        assert.strictEqual(error._tag, "EmailTaken")
        assert.strictEqual(error.email, existing.email)
        assert.strictEqual(yield* stored(batch), 0)
        assert.strictEqual((yield* users.list(tenant.id, { sort: "email", limit: 10 })).total, 1)
      })
  )

  it.effect("an email twice in one call fails EmailTaken and stores nothing", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const twice = uniqueEmail("twice")
      const batch = [
        aUser({ tenantId: tenant.id, email: uniqueEmail("one") }),
        aUser({ tenantId: tenant.id, email: twice }),
        aUser({ tenantId: tenant.id, email: twice })
      ]
      const error = yield* Effect.flip(users.insertMany(batch))
      assert.strictEqual(error._tag, "EmailTaken")
      assert.strictEqual(error.email, twice)
      assert.strictEqual(yield* stored(batch), 0)
    })
  )

  it.effect("one email in two tenants is two users; another tenant's taken email does not conflict", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const { tenant: other } = yield* freshTenant()
      const theirs = yield* users.insert(aUser({ tenantId: other.id }))
      const shared = uniqueEmail("shared")
      const batch = [
        aUser({ tenantId: tenant.id, email: shared }),
        aUser({ tenantId: other.id, email: shared }),
        aUser({ tenantId: tenant.id, email: theirs.email })
      ]
      yield* users.insertMany(batch)
      assert.strictEqual(yield* stored(batch), 3)
      assert.strictEqual(Option.getOrThrow(yield* users.findByEmail(other.id, theirs.email)).id, theirs.id)
      assert.strictEqual(
        Option.getOrThrow(yield* users.findByEmail(tenant.id, theirs.email)).id,
        batch[2]!.id
      )
    })
  )

  it.effect("an empty call stores nothing and succeeds", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      yield* users.insertMany([])
      assert.strictEqual((yield* users.list(tenant.id, { sort: "email", limit: 10 })).total, 0)
    })
  )

  it.effect("inside a transaction that fails afterwards, nothing of the call remains", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const batch = Array.from({ length: 50 }, () => aUser({ tenantId: tenant.id }))
      const failed = yield* Effect.flip(
        (yield* Transactor).withTransaction(
          Effect.gen(function* () {
            yield* users.insertMany(batch).pipe(Effect.orDie)
            return yield* new Boom()
          })
        )
      )
      assert.strictEqual(failed._tag, "Boom")
      assert.strictEqual(yield* stored(batch), 0)
    })
  )

  it.effect("inside a transaction, a call that fails EmailTaken leaves the transaction usable", () =>
    Effect.gen(function* () {
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const existing = yield* users.insert(aUser({ tenantId: tenant.id }))
      const rejected = [aUser({ tenantId: tenant.id }), aUser({ tenantId: tenant.id, email: existing.email })]
      const retried = [rejected[0]!, aUser({ tenantId: tenant.id })]
      const error = yield* (yield* Transactor).withTransaction(
        Effect.gen(function* () {
          const failed = yield* Effect.flip(users.insertMany(rejected))
          yield* users.insertMany(retried)
          return failed
        })
      )
      assert.strictEqual(error._tag, "EmailTaken")
      assert.strictEqual(yield* stored(retried), 2)
      assert.strictEqual(
        Option.getOrThrow(yield* users.findByEmail(tenant.id, existing.email)).id,
        existing.id
      )
    })
  )

  it.effect(
    "of two concurrent calls sharing one email, exactly one stores its users, the other nothing",
    () =>
      Effect.gen(function* () {
        const users = yield* UserRepository
        const { tenant } = yield* freshTenant()
        const contested = uniqueEmail("contested")
        const batches = [0, 1].map(() => [
          ...Array.from({ length: 20 }, () => aUser({ tenantId: tenant.id, email: uniqueEmail("own") })),
          aUser({ tenantId: tenant.id, email: contested })
        ])
        const { successes, failures } = yield* race(2, (i) => users.insertMany(batches[i]!))
        assert.strictEqual(successes.length, 1)
        assert.strictEqual(failures.length, 1)
        assert.strictEqual(failures[0]!._tag, "EmailTaken")
        const counts = [yield* stored(batches[0]!), yield* stored(batches[1]!)].sort()
        assert.deepStrictEqual(counts, [0, 21])
      })
  )
}

/** Runs the `UserRepository.insertMany` contract against one implementation (built once for the suite). */
export const userBulkInsertContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`UserRepository.insertMany contract (${name})`, layer, userBulkInsertTests)
