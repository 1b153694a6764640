import { assert } from "@effect/vitest"
import {
  type AuditEventId,
  AuditLog,
  DepartmentRepository,
  GroupRepository,
  MembershipRepository,
  OrganizationRepository,
  type Tenant,
  TenantRepository,
  Transactor,
  UserRepository
} from "@gatehouse/domain"
import { Data, Deferred, Effect, Exit, Fiber, type Layer, Option } from "effect"
import { aDepartment, aGroup, aMembership, anId, anOrganization, aUser } from "../builders.ts"
import { type ContractIt, freshTenant, type Repositories, registerContract } from "./support.ts"

class Boom extends Data.TaggedError("Boom")<{}> {}

/**
 * A tenant with a user and a group, and one effect that writes through every repository: inserts of each
 * kind, an update, a delete and an audit event. `visible` tells, through the repositories, which of its
 * writes can be seen: all of them or none.
 */
const scenario = Effect.gen(function* () {
  const { tenant } = yield* freshTenant()
  const users = yield* UserRepository
  const groups = yield* GroupRepository
  const existingUser = yield* users.insert(aUser({ tenantId: tenant.id }))
  const existingGroup = yield* groups.insert(aGroup({ tenantId: tenant.id }))
  const user = aUser({ tenantId: tenant.id })
  const organization = anOrganization({ tenantId: tenant.id })
  const membership = aMembership({ tenantId: tenant.id, organizationId: organization.id, userId: user.id })
  const group = aGroup({ tenantId: tenant.id })
  const department = aDepartment({ tenantId: tenant.id })
  const action = `test.${anId<AuditEventId>()}`

  const write = Effect.gen(function* () {
    yield* users.insert(user)
    yield* (yield* OrganizationRepository).insert(organization)
    yield* (yield* MembershipRepository).insert(membership)
    yield* groups.insert(group)
    yield* (yield* DepartmentRepository).insert(department)
    yield* users.update({ ...existingUser, firstName: "Changed" }, existingUser.version)
    yield* groups.delete(tenant.id, existingGroup.id)
    yield* (yield* TenantRepository).update({ ...tenant, name: "Changed" }, tenant.version)
    yield* (yield* AuditLog).append({
      id: anId<AuditEventId>(),
      tenantId: tenant.id,
      at: new Date(),
      actorKind: "system",
      actorId: null,
      action,
      targetType: null,
      targetId: null,
      details: {}
    })
  }).pipe(Effect.orDie)

  /** Asserts that every write of `write` is visible (`true`) or that none is (`false`). */
  const visible = (expected: boolean) =>
    Effect.gen(function* () {
      const storedTenant = Option.getOrThrow(yield* (yield* TenantRepository).findById(tenant.id))
      const storedUser = Option.getOrThrow(yield* users.findById(tenant.id, existingUser.id))
      const seen = {
        user: Option.isSome(yield* users.findById(tenant.id, user.id)),
        organization: Option.isSome(
          yield* (yield* OrganizationRepository).findById(tenant.id, organization.id)
        ),
        membership: Option.isSome(
          yield* (yield* MembershipRepository).find(tenant.id, organization.id, user.id)
        ),
        group: Option.isSome(yield* groups.findById(tenant.id, group.id)),
        department: Option.isSome(yield* (yield* DepartmentRepository).findById(tenant.id, department.id)),
        update: storedUser.firstName === "Changed" && storedUser.version === existingUser.version + 1,
        delete: Option.isNone(yield* groups.findById(tenant.id, existingGroup.id)),
        tenant: storedTenant.name === "Changed" && storedTenant.version === tenant.version + 1,
        audit: (yield* (yield* AuditLog).query(tenant.id, { action, limit: 10 })).total === 1
      }
      const all = Object.fromEntries(Object.keys(seen).map((key) => [key, expected]))
      assert.deepStrictEqual(seen, all as typeof seen)
    })

  return { tenant, user, write, visible }
})

const notSeen = (tenant: Tenant) => `the uncommitted row of tenant ${tenant.slug} was seen`

/** The Transactor guarantees: atomic commit and rollback (failure, defect, interruption), nesting, isolation. */
export const transactorTests = (it: ContractIt): void => {
  it.effect("a transaction that succeeds makes every write visible", () =>
    Effect.gen(function* () {
      const transactor = yield* Transactor
      const { write, visible } = yield* scenario
      yield* transactor.withTransaction(write)
      yield* visible(true)
    })
  )

  it.effect("a transaction that fails with a typed error writes nothing", () =>
    Effect.gen(function* () {
      const transactor = yield* Transactor
      const { write, visible } = yield* scenario
      const error = yield* Effect.flip(
        transactor.withTransaction(Effect.andThen(write, Effect.fail(new Boom())))
      )
      assert.strictEqual(error._tag, "Boom")
      yield* visible(false)
    })
  )

  it.effect("a transaction that dies writes nothing", () =>
    Effect.gen(function* () {
      const transactor = yield* Transactor
      const { write, visible } = yield* scenario
      const exit = yield* Effect.exit(transactor.withTransaction(Effect.andThen(write, Effect.die("defect"))))
      assert.isTrue(Exit.hasDies(exit))
      yield* visible(false)
    })
  )

  it.effect("an interrupted transaction writes nothing", () =>
    Effect.gen(function* () {
      const transactor = yield* Transactor
      const { write, visible } = yield* scenario
      const written = yield* Deferred.make<void>()
      const fiber = yield* Effect.forkChild(
        transactor.withTransaction(
          Effect.gen(function* () {
            yield* write
            yield* Deferred.succeed(written, undefined)
            return yield* Effect.never
          })
        )
      )
      yield* Deferred.await(written)
      yield* Fiber.interrupt(fiber)
      yield* visible(false)
    })
  )

  it.effect("a nested transaction joins the outer one: it sees the outer writes and rolls back with it", () =>
    Effect.gen(function* () {
      const transactor = yield* Transactor
      const users = yield* UserRepository
      const { tenant, user, write, visible } = yield* scenario
      const outcome = yield* Effect.flip(
        transactor.withTransaction(
          Effect.gen(function* () {
            yield* transactor.withTransaction(write)
            const inner = yield* transactor.withTransaction(users.findById(tenant.id, user.id))
            assert.isTrue(Option.isSome(inner), "a nested transaction sees the outer one's writes")
            return yield* new Boom()
          })
        )
      )
      assert.strictEqual(outcome._tag, "Boom")
      yield* visible(false)

      const again = yield* scenario
      yield* transactor.withTransaction(transactor.withTransaction(again.write))
      yield* again.visible(true)
    })
  )

  it.effect(
    "declared mostlyReads, a transaction still commits or rolls back all its writes, and reads them",
    () =>
      Effect.gen(function* () {
        const transactor = yield* Transactor
        const users = yield* UserRepository
        const committed = yield* scenario
        yield* transactor.withTransaction(
          Effect.gen(function* () {
            // a read before the first write, the writes, then a read that must see them
            assert.isTrue(Option.isNone(yield* users.findById(committed.tenant.id, committed.user.id)))
            yield* committed.write
            const after = yield* users.findById(committed.tenant.id, committed.user.id)
            assert.isTrue(Option.isSome(after), "a read after a write sees it")
          }),
          { mostlyReads: true }
        )
        yield* committed.visible(true)

        const failed = yield* scenario
        const error = yield* Effect.flip(
          transactor.withTransaction(
            Effect.gen(function* () {
              yield* users.findById(failed.tenant.id, failed.user.id)
              yield* failed.write
              return yield* new Boom()
            }),
            { mostlyReads: true }
          )
        )
        assert.strictEqual(error._tag, "Boom")
        yield* failed.visible(false)
      })
  )

  it.effect("writes of an open transaction are invisible to a concurrent reader until it commits", () =>
    Effect.gen(function* () {
      const transactor = yield* Transactor
      const users = yield* UserRepository
      const { tenant } = yield* freshTenant()
      const user = aUser({ tenantId: tenant.id })
      const written = yield* Deferred.make<void>()
      const read = yield* Deferred.make<boolean>()
      // The writer inserts, then keeps its transaction open a while. A store with MVCC answers the reader at
      // once (without the row); a store that serialises makes the reader wait for the commit. Either way, a
      // read that completes while the transaction is still open must not see the row.
      const writer = yield* Effect.forkChild(
        transactor.withTransaction(
          Effect.gen(function* () {
            yield* users.insert(user)
            yield* Deferred.succeed(written, undefined)
            return yield* Deferred.await(read).pipe(Effect.timeoutOption("300 millis"))
          })
        )
      )
      yield* Deferred.await(written)
      const reader = yield* Effect.forkChild(
        users.findById(tenant.id, user.id).pipe(
          Effect.map(Option.isSome),
          Effect.tap((seen) => Deferred.succeed(read, seen))
        )
      )
      const seenBeforeCommit = yield* Fiber.join(writer)
      assert.isFalse(
        Option.getOrElse(seenBeforeCommit, () => false),
        notSeen(tenant)
      )
      yield* Fiber.join(reader)
      assert.isTrue(Option.isSome(yield* users.findById(tenant.id, user.id)), "visible after the commit")
    })
  )
}

/** Runs the Transactor contract against one implementation (built once for the suite). */
export const transactorContract = (name: string, layer: Layer.Layer<Repositories, unknown>): void =>
  registerContract(`Transactor contract (${name})`, layer, transactorTests)
